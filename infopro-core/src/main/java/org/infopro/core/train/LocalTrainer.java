package org.infopro.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.objective.LossTerms;
import org.infopro.core.optim.Optimizer;
import org.infopro.core.spi.TaskPlugin;

/**
 * The locally supervised training step (simultaneous mode).
 *
 * <p>For each module k: forward on the <em>detached</em> output of module k-1 inside a scope of its
 * own, compute its loss (local head for k &lt; K, task loss for k = K), close the scope so only
 * autograd's saved tensors keep module k's activations alive, and back-propagate at once, which
 * frees them. Only module k's detached output survives into module k+1, so peak memory is one
 * module's activations rather than the whole network's. After the last module one optimizer step
 * updates every parameter.
 */
public final class LocalTrainer {

    /** Name of a module's summed loss among its parts. */
    public static final String TOTAL = "total";

    private final LocalNetwork network;
    private final TaskPlugin task;
    private final Optimizer optimizer;

    public LocalTrainer(LocalNetwork network, TaskPlugin task, Optimizer optimizer) {
        this.network = network;
        this.task = task;
        this.optimizer = optimizer;
    }

    /** One full step: local backward passes, then one optimizer update. */
    public StepResult step(TrainingBatch batch, long step, float learningRate) {
        StepResult result = accumulateGradients(batch, step, learningRate);
        optimizer.step(network.getParameters(), learningRate);
        return result;
    }

    /**
     * Runs every module's forward and backward pass, adding to the parameters' gradients without
     * updating them.
     *
     * @throws NonFiniteLossException when any loss term is NaN or infinite
     */
    public StepResult accumulateGradients(TrainingBatch batch, long step, float learningRate) {
        NDManager stepManager = batch.input().getManager();
        batch.restoredInput(); // in the step's manager, shared by every module
        int k = network.k();
        float[] totals = new float[k];
        List<Map<String, Float>> parts = new ArrayList<>();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray carried = batch.input();
            NDList taps = new NDList();
            for (int m = 0; m < k; m++) {
                ModulePass.Result pass =
                        ModulePass.run(
                                network,
                                task,
                                m,
                                carried,
                                taps,
                                batch,
                                step,
                                stepManager,
                                stepManager,
                                collector::backward);
                if (carried != batch.input()) {
                    carried.close();
                }
                carried = pass.output();
                taps = pass.taps();
                parts.add(pass.losses());
                totals[m] = pass.losses().get(TOTAL);
            }
            taps.close();
        }
        return new StepResult(step, learningRate, totals, parts);
    }

    static Map<String, Float> checkFinite(LossTerms loss, long step, int m) {
        Map<String, Float> values = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> part : loss.parts().entrySet()) {
            float value = part.getValue().getFloat();
            if (!Float.isFinite(value)) {
                throw new NonFiniteLossException(step, m + 1, part.getKey(), value);
            }
            values.put(part.getKey(), value);
        }
        float total = loss.total().getFloat();
        if (!Float.isFinite(total)) {
            throw new NonFiniteLossException(step, m + 1, TOTAL, total);
        }
        values.put(TOTAL, total);
        return values;
    }

    /** The network being trained. */
    public LocalNetwork network() {
        return network;
    }

    /** The optimizer (for checkpoints). */
    public Optimizer optimizer() {
        return optimizer;
    }
}
