package org.infopro.detection.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.testing.LocalSteps;
import org.infopro.core.testing.Networks;
import org.infopro.detection.DetectionPlugin;
import org.infopro.detection.data.DetectionTargets;
import org.infopro.detection.model.DetectionBackbones;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradient isolation and the step's memory release for Mask R-CNN at the K=2 split, where the FPN
 * reads C2 from module 1 (detached) and module 1 learns from the dense ψ and the decoder w.
 */
class DetectionLocalTrainingTest {

    private static final FeatureShape INPUT = new FeatureShape(3, 64, 64);
    private static final int CLASSES = 3;

    @ParameterizedTest
    @ValueSource(strings = {"infopro-softmax", "dgl", "greedy"})
    void laterModulesSendNoGradientIntoModuleOne(String method) {
        LocalSteps.assertModuleOneIsolated(
                m -> network(method, m), new DetectionPlugin(), DetectionLocalTrainingTest::batch);
    }

    @Test
    void onlyTheBatchSurvivesAStep() {
        LocalSteps.assertOnlyTheBatchSurvivesAStep(
                m -> network("infopro-softmax", m),
                new DetectionPlugin(),
                DetectionLocalTrainingTest::batch);
    }

    private static LocalNetwork network(String method, NDManager manager) {
        return Networks.local(
                new DetectionBackbones().create("mask_rcnn_r18n_fpn", INPUT),
                2,
                SplitPlanner.PAPER,
                method,
                new float[] {1f, 1f},
                new DetectionPlugin(),
                CLASSES,
                manager);
    }

    /** Two random images with two and one objects (the second slot of image 2 is padding). */
    static TrainingBatch batch(NDManager manager) {
        Engine.getInstance().setRandomSeed(7);
        int h = INPUT.height();
        int w = INPUT.width();
        float[] boxes = {4, 6, 30, 40, 34, 20, 60, 50, 10, 10, 50, 44, 0, 0, 0, 0};
        byte[] masks = new byte[2 * 2 * h * w];
        for (int slot = 0; slot < 3; slot++) {
            for (int y = (int) boxes[slot * 4 + 1]; y < boxes[slot * 4 + 3]; y++) {
                for (int x = (int) boxes[slot * 4]; x < boxes[slot * 4 + 2]; x++) {
                    masks[(slot * h + y) * w + x] = 1;
                }
            }
        }
        DetectionTargets targets =
                new DetectionTargets(
                        manager.create(boxes, new Shape(2, 2, 4)),
                        manager.create(new long[] {0, 2, 1, -1}, new Shape(2, 2)),
                        manager.zeros(new Shape(2, 2)),
                        manager.create(new float[] {884, 780, 1360, 0}, new Shape(2, 2)),
                        manager.create(
                                ByteBuffer.wrap(masks), new Shape(2, 2, h, w), DataType.UINT8),
                        manager.create(
                                new double[] {1, h, w, h, w, 2, h, w, h, w}, new Shape(2, 5)),
                        manager.create(new long[] {1, 2, 3}));
        return new TrainingBatch(
                manager.randomNormal(INPUT.batched(2)), targets.toList(), Normalization.IMAGENET);
    }
}
