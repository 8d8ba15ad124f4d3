package org.infopro.detection.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.testing.Networks;
import org.infopro.detection.DetectionPlugin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Published sizes: torchvision's {@code fasterrcnn_resnet50_fpn} (41,755,286 parameters) and {@code
 * maskrcnn_resnet50_fpn} (44,401,393) for 90 classes plus background. Two differences are accounted
 * for: torchvision's BatchNorm is frozen and holds no parameters, while here it trains (ResNet-50's
 * 53,120 affine parameters); and torchvision also regresses a box (4 × 1025 parameters) and
 * predicts a mask (257) for the background class, which mmdetection's heads, and these, do not.
 */
class DetectorSizeTest {

    private static final long RESNET50_BATCHNORM = 53_120;

    @ParameterizedTest
    @CsvSource({"faster_rcnn_r50_fpn, 41755286, 4100", "mask_rcnn_r50_fpn, 44401393, 4357"})
    void parameterCountsMatchTorchvision(String model, long published, long background) {
        FeatureShape input = new FeatureShape(3, 64, 64);
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork net =
                    Networks.local(
                            new DetectionBackbones().create(model, input),
                            1,
                            SplitPlanner.EVEN,
                            "e2e",
                            new float[] {1f, 1f},
                            new DetectionPlugin(),
                            90,
                            manager);
            assertEquals(
                    published + RESNET50_BATCHNORM - background,
                    Networks.trainableParameterCount(net));
            // Inference on a padded 64×64 batch yields up to 100 detections per image.
            NDList out =
                    net.forward(
                            new ParameterStore(manager, false),
                            new NDList(manager.randomNormal(new Shape(1, 3, 64, 64))),
                            false);
            assertEquals(new Shape(1, DetectorSpec.MAX_DETECTIONS, 4), out.get(0).getShape());
        }
    }
}
