package org.infopro.classification.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.infopro.classification.ClassificationPlugin;
import org.infopro.classification.backbone.CifarResNets;
import org.infopro.core.data.Normalization;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.FeatureShape;
import org.infopro.core.model.LocalNetwork;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.objective.CoreObjectives;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.objective.LocalObjective;
import org.infopro.core.spi.ObjectiveProvider;
import org.infopro.core.testing.LocalSteps;
import org.infopro.core.train.LocalTrainer;
import org.infopro.core.train.NonFiniteLossException;
import org.infopro.core.train.TorchSgd;
import org.infopro.core.train.TrainingBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gradient isolation, the step's memory release and the NaN guard, on a tiny ResNet. */
class LocalTrainingTest {

    private static final FeatureShape INPUT = new FeatureShape(3, 16, 16);
    private static final Normalization NORM = Normalization.uniform(3, 0.5f, 0.5f);

    @ParameterizedTest
    @ValueSource(strings = {"infopro-contrast", "infopro-softmax", "dgl", "greedy"})
    void laterModulesSendNoGradientIntoModuleOne(String method) {
        LocalSteps.assertModuleOneIsolated(
                m -> network(method, m), new ClassificationPlugin(), LocalTrainingTest::batch);
    }

    @Test
    void onlyTheBatchSurvivesAStep() {
        LocalSteps.assertOnlyTheBatchSurvivesAStep(
                m -> network("infopro-contrast", m),
                new ClassificationPlugin(),
                LocalTrainingTest::batch);
    }

    @Test
    void nanInputStopsWithStepModuleAndTerm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork net = network("infopro-softmax", manager);
            LocalTrainer trainer =
                    new LocalTrainer(net, new ClassificationPlugin(), new TorchSgd(0.9f, true, 0));
            try (NDManager step = manager.newSubManager()) {
                float[] nan = new float[4 * (int) INPUT.elements()];
                Arrays.fill(nan, Float.NaN);
                TrainingBatch batch =
                        new TrainingBatch(
                                step.create(nan, INPUT.batched(4)),
                                new NDList(step.create(new long[] {0, 1, 2, 3})),
                                NORM);
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

    private static LocalNetwork network(String method, NDManager manager) {
        Backbone backbone = new CifarResNets().create("resnet8-tiny", INPUT);
        LocalObjective objective =
                new CoreObjectives()
                        .create(
                                method,
                                new ObjectiveProvider.Settings(
                                        new LambdaSchedule(2, 1, 1, 1), null));
        LocalNetwork net =
                new LocalNetwork(
                        backbone,
                        SplitPlanner.even(4, 3),
                        objective,
                        new ClassificationPlugin(),
                        10);
        net.initialize(manager);
        return net;
    }

    private static TrainingBatch batch(NDManager manager) {
        Engine.getInstance().setRandomSeed(7);
        NDArray x = manager.randomNormal(INPUT.batched(8));
        NDArray y = manager.create(new long[] {0, 1, 2, 3, 0, 1, 2, 3});
        return new TrainingBatch(x, new NDList(y), NORM);
    }
}
