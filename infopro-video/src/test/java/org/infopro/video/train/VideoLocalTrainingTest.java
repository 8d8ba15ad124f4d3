package org.infopro.video.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.infopro.core.config.RunConfig;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.testing.LocalSteps;
import org.infopro.core.testing.Networks;
import org.infopro.video.VideoPlugin;
import org.infopro.video.data.VideoOptions;
import org.infopro.video.model.VideoBackbones;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradient isolation and memory release for TSM at K=2: module 1 (stem + layer1, with shifts)
 * learns only from its clip-level ψ and frame decoder w.
 */
class VideoLocalTrainingTest {

    private static final FeatureShape FRAME = new FeatureShape(3, 32, 32);
    private static final int SEGMENTS = 4;

    @ParameterizedTest
    @ValueSource(strings = {"infopro-softmax", "infopro-contrast", "dgl", "greedy"})
    void laterModulesSendNoGradientIntoModuleOne(String method) {
        LocalSteps.assertModuleOneIsolated(
                m -> network(method, m), new VideoPlugin(), VideoLocalTrainingTest::batch);
    }

    @Test
    void onlyTheBatchSurvivesAStep() {
        LocalSteps.assertOnlyTheBatchSurvivesAStep(
                m -> network("infopro-softmax", m),
                new VideoPlugin(),
                VideoLocalTrainingTest::batch);
    }

    private static LocalNetwork network(String method, NDManager manager) {
        RunConfig run =
                RunConfig.builder()
                        .optTask("video")
                        .optTaskOptions(new VideoOptions(SEGMENTS, 1))
                        .build();
        return Networks.local(
                new VideoBackbones().create("tsm-r18-narrow", FRAME, run),
                2,
                SplitPlanner.PAPER,
                method,
                new float[] {5f, 0.75f},
                new VideoPlugin(),
                3,
                manager);
    }

    /** Four clips of four random frames; a repeated label gives SupCon a positive pair. */
    private static TrainingBatch batch(NDManager manager) {
        Engine.getInstance().setRandomSeed(7);
        return new TrainingBatch(
                manager.randomNormal(FRAME.batched(4L * SEGMENTS)),
                new NDList(manager.create(new long[] {0, 2, 0, 1})),
                Normalization.IMAGENET);
    }
}
