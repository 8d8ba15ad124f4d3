package org.infopro.core.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.optim.Optimizer;
import org.infopro.core.testing.LocalSteps;
import org.infopro.core.testing.Toys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gradient isolation, the step's memory release and the NaN guard of {@link LocalTrainer}. */
class LocalTrainerTest {

    @ParameterizedTest
    @ValueSource(strings = {"infopro-contrast", "infopro-softmax", "dgl", "greedy"})
    void laterModulesSendNoGradientIntoModuleOne(String method) {
        LocalSteps.assertModuleOneIsolated(
                m -> Toys.network(method, 3, m), new Toys.Task(), m -> Toys.randomBatch(m, 8, 7));
    }

    @Test
    void onlyTheBatchSurvivesAStep() {
        LocalSteps.assertOnlyTheBatchSurvivesAStep(
                m -> Toys.network("infopro-contrast", 3, m),
                new Toys.Task(),
                m -> Toys.randomBatch(m, 8, 7));
    }

    @Test
    void nanInputStopsWithStepModuleAndTerm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork net = Toys.network("infopro-softmax", 3, manager);
            LocalTrainer trainer =
                    new LocalTrainer(net, new Toys.Task(), Optimizer.sgd(0.9f, true, 0));
            try (NDManager step = manager.newSubManager()) {
                float[] nan = new float[4 * (int) Toys.INPUT.elements()];
                Arrays.fill(nan, Float.NaN);
                TrainingBatch batch =
                        new TrainingBatch(
                                step.create(nan, Toys.INPUT.batched(4)),
                                new NDList(step.create(new long[] {0, 1, 2, 3})),
                                Toys.NORM);
                NonFiniteLossException e =
                        assertThrows(
                                NonFiniteLossException.class, () -> trainer.step(batch, 17, 0.1f));
                assertTrue(
                        e.getMessage().contains("module 1")
                                && e.getMessage().contains("step 17")
                                && e.getMessage().contains("'recon'"),
                        e.getMessage());
            }
        }
    }
}
