package org.infopro.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infopro.core.model.LocalNetwork;
import org.infopro.core.objective.LossTerms;
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
    private final TorchSgd optimizer;

    public LocalTrainer(LocalNetwork network, TaskPlugin task, TorchSgd optimizer) {
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
        ParameterStore parameters = new ParameterStore(stepManager, false);
        int k = network.k();
        float[] totals = new float[k];
        List<Map<String, Float>> parts = new ArrayList<>();
        // Detached outputs of tapped blocks in earlier modules, kept for the task head.
        NDList tapped = new NDList();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray carried = batch.input();
            for (int m = 0; m < k; m++) {
                NDManager scope = stepManager.newSubManager();
                NDArray input = carried.stopGradient();
                input.attach(scope);
                batch.lendTo(scope);
                if (carried != batch.input()) {
                    carried.close(); // the detached copy in `input` keeps the storage alive
                }
                NDList out = network.module(m).forward(parameters, new NDList(input), true);
                NDArray features = out.head();
                LossTerms loss;
                if (m < k - 1) {
                    loss = network.localHead(m).loss(parameters, features, batch);
                    tapped.addAll(detach(out.subNDList(1), stepManager));
                } else {
                    // Lent like the batch, so what the head derives from earlier modules' taps
                    // (an FPN's lateral maps) dies with this module's scope, not with the step.
                    tapped.forEach(tap -> tap.tempAttach(scope));
                    NDList taps = new NDList(tapped).addAll(out.subNDList(1));
                    NDList head = LocalNetwork.headInput(taps, features);
                    loss = task.trainingLoss(network.taskHead(), parameters, head, batch);
                }
                parts.add(checkFinite(loss, step, m));
                totals[m] = parts.get(m).get(TOTAL);
                carried = features.stopGradient();
                carried.attach(stepManager);
                // Close before backward: autograd keeps what it saved and frees it during
                // backward, while every other activation handle of the module dies here. The
                // loss (and the seed gradient backward creates beside it) live just as long.
                try (NDManager backward = stepManager.newSubManager()) {
                    loss.total().attach(backward);
                    scope.close();
                    collector.backward(loss.total());
                }
            }
            carried.close(); // the last module's detached output is not needed
            tapped.close();
        }
        return new StepResult(step, learningRate, totals, parts);
    }

    /** Detached copies of arrays, owned by {@code owner}. */
    private static NDList detach(NDList arrays, NDManager owner) {
        NDList detached = new NDList();
        for (NDArray array : arrays) {
            NDArray copy = array.stopGradient();
            copy.attach(owner);
            detached.add(copy);
        }
        return detached;
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
    public TorchSgd optimizer() {
        return optimizer;
    }
}
