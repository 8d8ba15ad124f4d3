package org.infopro.segmentation.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class DeepLabV3HeadTest {

    /**
     * Published sizes (layer3 1024, layer4 2048, ASPP 512, FCN 256, 19 classes): image pool 1×1
     * 2048·512 + BN; branch d1 1×1 2048·512 + BN; three 3×3 branches 9·2048·512 + BN each; fusion
     * 3×3 9·2560·512 + BN; classifier 512·19 + 19; FCN 9·1024·256 + BN, 256·19 + 19.
     */
    @Test
    void publishedWidthsGiveTheExpectedParameterCount() {
        long bn512 = 2 * 512;
        long expected =
                (2048L * 512 + bn512) * 2
                        + (9L * 2048 * 512 + bn512) * 3
                        + 9L * 2560 * 512
                        + bn512
                        + 512 * 19
                        + 19
                        + 9L * 1024 * 256
                        + 2 * 256
                        + 256 * 19
                        + 19;
        DeepLabV3Head head = new DeepLabV3Head(19, 512, 256);
        try (NDManager m = NDManager.newBaseManager()) {
            head.initialize(
                    m, DataType.FLOAT32, new Shape(1, 1024, 9, 9), new Shape(1, 2048, 9, 9));
            long n = 0;
            for (Parameter p : head.getParameters().values()) {
                n += p.requiresGradient() ? p.getArray().size() : 0;
            }
            assertEquals(expected, n);
        }
    }

    @Test
    void logitsKeepTheFeatureResolution() {
        DeepLabV3Head head = new DeepLabV3Head(5, 16, 8);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape layer3 = new Shape(2, 32, 6, 10);
            Shape layer4 = new Shape(2, 64, 6, 10);
            head.initialize(m, DataType.FLOAT32, layer3, layer4);
            NDList out =
                    head.forward(
                            new ParameterStore(m, false),
                            new NDList(m.ones(layer3), m.ones(layer4)),
                            true);
            assertEquals(new Shape(2, 5, 6, 10), out.get(0).getShape());
            assertEquals(new Shape(2, 5, 6, 10), out.get(1).getShape());
            assertEquals(
                    new Shape(2, 5, 6, 10), head.getOutputShapes(new Shape[] {layer3, layer4})[0]);
        }
    }

    /** conv_seg starts at N(0, 0.01²): wide random features give near-zero logits. */
    @Test
    void classifiersStartWithSmallLogits() {
        DeepLabV3Head head = new DeepLabV3Head(19, 512, 256);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape layer3 = new Shape(2, 1024, 5, 5);
            Shape layer4 = new Shape(2, 2048, 5, 5);
            head.initialize(m, DataType.FLOAT32, layer3, layer4);
            NDList out =
                    head.forward(
                            new ParameterStore(m, false),
                            new NDList(m.randomNormal(layer3).abs(), m.randomNormal(layer4).abs()),
                            true);
            for (int i = 0; i < 2; i++) {
                float spread = out.get(i).pow(2).mean().sqrt().getFloat();
                assertTrue(spread < 0.5f, "logit RMS " + spread + " of output " + i);
            }
        }
    }
}
