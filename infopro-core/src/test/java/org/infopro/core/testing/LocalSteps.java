package org.infopro.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.function.Function;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.optim.TorchSgd;
import org.infopro.core.spi.TaskPlugin;
import org.infopro.core.train.LocalTrainer;

/** The engine's two guarantees, checked for any task's network. */
public final class LocalSteps {

    private LocalSteps() {}

    /**
     * Gradient isolation: after a full local step, module 1 (and its local head) hold exactly the
     * gradients of module 1 trained by hand alone — its forward, its local loss, one backward —
     * while later modules did receive gradients.
     *
     * @param network builds (and initialises) the same architecture in a manager
     * @param batch builds the same batch in a manager each time it is called
     */
    public static void assertModuleOneIsolated(
            Function<NDManager, LocalNetwork> network,
            TaskPlugin task,
            Function<NDManager, TrainingBatch> batch) {
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork full = network.apply(manager);
            LocalNetwork alone = network.apply(manager);
            Networks.copyParameters(full, alone);
            try (NDManager step = manager.newSubManager()) {
                new LocalTrainer(full, task, new TorchSgd(0.9f, true, 0))
                        .accumulateGradients(batch.apply(step), 0, 0.1f);
            }
            try (NDManager step = manager.newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                TrainingBatch b = batch.apply(step);
                ParameterStore ps = new ParameterStore(step, false);
                NDArray h = alone.module(0).forward(ps, new NDList(b.input()), true).head();
                gc.backward(alone.localHead(0).loss(ps, h, b).total());
            }
            Networks.assertGradientsEqual(
                    alone.module(0).getParameters(), full.module(0).getParameters());
            Networks.assertGradientsEqual(
                    alone.localHead(0).getParameters(), full.localHead(0).getParameters());
            assertTrue(
                    Networks.maxAbsGradient(full.module(1).getParameters()) > 0,
                    "module 2 trained too");
            assertEquals(0.0, Networks.maxAbsGradient(alone.module(1).getParameters()));
        }
    }

    /** Memory release: no activation, loss or detached output of any module outlives a step. */
    public static void assertOnlyTheBatchSurvivesAStep(
            Function<NDManager, LocalNetwork> network,
            TaskPlugin task,
            Function<NDManager, TrainingBatch> batch) {
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork net = network.apply(manager);
            try (NDManager step = manager.newSubManager()) {
                TrainingBatch b = batch.apply(step);
                b.restoredInput();
                int before = step.getManagedArrays().size();
                new LocalTrainer(net, task, new TorchSgd(0.9f, true, 0))
                        .accumulateGradients(b, 0, 0.1f);
                assertEquals(
                        before, step.getManagedArrays().size(), step.getManagedArrays().toString());
            }
        }
    }
}
