package org.infopro.segmentation.inference;

import static org.infopro.core.testing.NDAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.infopro.core.config.PixelSize;
import org.infopro.core.config.RunConfig;
import org.infopro.core.spi.Inference;
import org.junit.jupiter.api.Test;

/** Test-time inference against answers computed pixel by pixel in the test. */
class SegmentationInferenceTest {

    private static final int C = 3;
    private static final int H = 7;
    private static final int W = 10;

    @Test
    void windowsAreLaidOutAsMmsegmentationDoes() {
        assertArrayEquals(new int[] {0, 255}, SegmentationInference.windowStarts(1024, 769, 513));
        assertArrayEquals(new int[] {0, 2, 3}, SegmentationInference.windowStarts(7, 4, 2));
        assertArrayEquals(new int[] {0}, SegmentationInference.windowStarts(5, 8, 4));
    }

    @Test
    void noTestOptionsMeansAPlainForward() {
        assertSame(Inference.PLAIN, SegmentationInference.of(SegmentationOptions.DEFAULTS));
        SegmentationOptions flip = new SegmentationOptions(List.of(1f), true, null, null);
        assertEquals(SegmentationInference.class, SegmentationInference.of(flip).getClass());
        RunConfig run = RunConfig.builder().optTask("segmentation").optTaskOptions(flip).build();
        assertEquals(
                SegmentationInference.class,
                new org.infopro.segmentation.SegmentationPlugin().inference(run).getClass());
    }

    @Test
    void badTestOptionsNameTheirOption() {
        IllegalArgumentException noWindow =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new SegmentationOptions(
                                        List.of(1f), false, null, new PixelSize(8, 8)));
        assertTrue(noWindow.getMessage().startsWith("--test-stride 8x8 needs --test-crop"));
        IllegalArgumentException scale =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new SegmentationOptions(List.of(0f), false, null, null));
        assertTrue(scale.getMessage().startsWith("--test-scales must be positive"));
    }

    /** Logits = input + the window's mean: each pixel averages over the windows covering it. */
    @Test
    void slidingWindowsAverageOverlappingLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = pattern();
            NDArray input = m.create(x, new Shape(1, C, H, W));
            Inference slide =
                    new SegmentationInference(
                            new float[] {1f}, false, new int[] {4, 6}, new int[] {2, 3});
            NDArray actual = slide.predict(crop -> new NDList(crop.add(crop.mean())), input).head();

            int[] rows = SegmentationInference.windowStarts(H, 4, 2);
            int[] cols = SegmentationInference.windowStarts(W, 6, 3);
            double[] sum = new double[C * H * W];
            int[] count = new int[H * W];
            for (int top : rows) {
                for (int left : cols) {
                    double mean = 0;
                    for (int c = 0; c < C; c++) {
                        for (int y = top; y < top + 4; y++) {
                            for (int col = left; col < left + 6; col++) {
                                mean += x[(c * H + y) * W + col] / (C * 4.0 * 6);
                            }
                        }
                    }
                    for (int y = top; y < top + 4; y++) {
                        for (int col = left; col < left + 6; col++) {
                            count[y * W + col]++;
                            for (int c = 0; c < C; c++) {
                                sum[(c * H + y) * W + col] += x[(c * H + y) * W + col] + mean;
                            }
                        }
                    }
                }
            }
            float[] logits = new float[C * H * W];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (sum[i] / count[i % (H * W)]);
            }
            assertClose(softmax(m, logits), actual, 1e-5);
        }
    }

    /** A forward that is not flip-equivariant: the flipped view is predicted and flipped back. */
    @Test
    void flipAveragesTheFlippedViewsProbabilities() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = pattern();
            float[] ramp = new float[C * W];
            for (int c = 0; c < C; c++) {
                for (int col = 0; col < W; col++) {
                    ramp[c * W + col] = (c + 1f) * (col + 1f) / W;
                }
            }
            NDArray rampArray = m.create(ramp, new Shape(1, C, 1, W));
            Inference flip = new SegmentationInference(new float[] {1f}, true, null, null);
            NDArray actual =
                    flip.predict(
                                    v -> new NDList(v.mul(rampArray)),
                                    m.create(x, new Shape(1, C, H, W)))
                            .head();

            float[] plain = new float[C * H * W];
            float[] mirrored = new float[C * H * W];
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int col = 0; col < W; col++) {
                        int i = (c * H + y) * W + col;
                        plain[i] = x[i] * ramp[c * W + col];
                        // predicted at W-1-col of the flipped input, whose value there is x[col]
                        mirrored[i] = x[i] * ramp[c * W + (W - 1 - col)];
                    }
                }
            }
            NDArray expected = softmax(m, plain).add(softmax(m, mirrored)).div(2);
            assertClose(expected, actual, 1e-5);
        }
    }

    /** Bilinear resizing reproduces a linear ramp exactly, so every scale agrees on it. */
    @Test
    void multiScaleResizesTheInputAndBringsLogitsBack() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = new float[C * H * W];
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int col = 0; col < W; col++) {
                        x[(c * H + y) * W + col] = 0.3f * c * y - 0.2f * (c - 1) * col + c;
                    }
                }
            }
            List<Shape> seen = new ArrayList<>();
            Function<NDArray, NDList> pointwise =
                    v -> {
                        seen.add(v.getShape());
                        return new NDList(v);
                    };
            Inference multiScale =
                    new SegmentationInference(new float[] {0.5f, 1f, 1.75f}, false, null, null);
            NDArray input = m.create(x, new Shape(1, C, H, W));
            int before = m.getManagedArrays().size();
            NDList actual = multiScale.predict(pointwise, input);
            assertEquals(before + 1, m.getManagedArrays().size(), "only the result outlives views");
            assertEquals(
                    List.of(new Shape(1, C, 4, 5), new Shape(1, C, 7, 10), new Shape(1, C, 12, 18)),
                    seen);
            assertClose(softmax(m, x), actual.head(), 1e-5);
        }
    }

    private static float[] pattern() {
        float[] x = new float[C * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(0.7 * i) + 0.01f * i;
        }
        return x;
    }

    private static NDArray softmax(NDManager m, float[] logits) {
        double[] p = new double[logits.length];
        for (int pixel = 0; pixel < H * W; pixel++) {
            double total = 0;
            for (int c = 0; c < C; c++) {
                total += Math.exp(logits[c * H * W + pixel]);
            }
            for (int c = 0; c < C; c++) {
                p[c * H * W + pixel] = Math.exp(logits[c * H * W + pixel]) / total;
            }
        }
        return m.create(p, new Shape(1, C, H, W))
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    }
}
