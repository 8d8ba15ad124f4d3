package org.infopro.segmentation.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.testing.LocalSteps;
import org.infopro.core.testing.Networks;
import org.infopro.segmentation.SegmentationPlugin;
import org.infopro.segmentation.data.SegmentationData;
import org.infopro.segmentation.model.DeepLabBackbones;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradient isolation and the step's memory release for DeepLab-V3 at the paper's K=2 split, where
 * the FCN head reads layer3's last block from module 2 and module 1 learns from pixel-level ψ/w.
 */
class SegmentationLocalTrainingTest {

    private static final FeatureShape INPUT = new FeatureShape(3, 32, 40);
    private static final int CLASSES = 4;

    @ParameterizedTest
    @ValueSource(strings = {"infopro-softmax", "dgl", "greedy"})
    void laterModulesSendNoGradientIntoModuleOne(String method) {
        LocalSteps.assertModuleOneIsolated(
                m -> network(method, m),
                new SegmentationPlugin(),
                SegmentationLocalTrainingTest::batch);
    }

    @Test
    void onlyTheBatchSurvivesAStep() {
        LocalSteps.assertOnlyTheBatchSurvivesAStep(
                m -> network("infopro-softmax", m),
                new SegmentationPlugin(),
                SegmentationLocalTrainingTest::batch);
    }

    private static LocalNetwork network(String method, NDManager manager) {
        return Networks.local(
                new DeepLabBackbones().create("deeplabv3-r18-d8-narrow", INPUT),
                2,
                SplitPlanner.PAPER,
                method,
                new float[] {1.5f, 1f},
                new SegmentationPlugin(),
                CLASSES,
                manager);
    }

    /** Random images; labels of 0–3 with an ignored (255) border row. */
    private static TrainingBatch batch(NDManager manager) {
        Engine.getInstance().setRandomSeed(7);
        Shape labels = new Shape(2, INPUT.height(), INPUT.width());
        long[] y = new long[(int) labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % INPUT.width() == 0 ? 255 : (i / 7) % CLASSES;
        }
        return new TrainingBatch(
                manager.randomNormal(INPUT.batched(2)),
                new NDList(manager.create(y, labels)),
                SegmentationData.IMAGENET);
    }
}
