package org.infopro.detection.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoiAlignTest {

    private static final int N = 2;
    private static final int C = 3;
    private static final int H = 9;
    private static final int W = 11;

    @Test
    void matchesScalarReferenceAlignedAndNot() {
        Random random = new Random(5);
        float[] features = new float[N * C * H * W];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextFloat() * 2 - 1;
        }
        // Boxes in image pixels (stride 2): inside, partly outside, tiny, and the whole image.
        float[] boxes = {
            2, 3, 15, 12, //
            -6, -4, 8, 10, //
            10, 8, 11, 9, //
            0, 0, 22, 18, //
            14, 2, 30, 25
        };
        long[] images = {0, 1, 1, 0, 1};
        for (boolean aligned : new boolean[] {true, false}) {
            float[] expected = reference(features, boxes, images, 7, 0.5f, 2, aligned);
            RoiAlign op = new RoiAlign(7, 0.5f, 2, aligned);
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray f = manager.create(features, new Shape(N, C, H, W));
                NDArray b = manager.create(boxes, new Shape(5, 4));
                NDArray i = manager.create(images);
                assertMatches(expected, op.gathered(f, b, i), "gather, aligned=" + aligned);
                assertMatches(expected, op.separable(f, b, i), "dense, aligned=" + aligned);
                assertMatches(expected, op.apply(f, b, i), "chosen, aligned=" + aligned);
            }
        }
    }

    private static void assertMatches(float[] expected, NDArray out, String form) {
        assertEquals(new Shape(5, C, 7, 7), out.getShape(), form);
        float[] actual = out.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, form + " at " + i);
        }
    }

    @Test
    void gradientFlowsToTheFeatureMapInBothForms() {
        for (boolean dense : new boolean[] {true, false}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray features = manager.randomUniform(0, 1, new Shape(1, 2, 8, 8));
                features.setRequiresGradient(true);
                NDArray boxes = manager.create(new float[] {1, 1, 5, 6}, new Shape(1, 4));
                NDArray image = manager.create(new long[] {0});
                RoiAlign op = new RoiAlign(2, 1f, 2, true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray out =
                            dense
                                    ? op.separable(features, boxes, image)
                                    : op.gathered(features, boxes, image);
                    collector.backward(out.sum());
                }
                NDArray gradient = features.getGradient();
                // Each output value is a convex combination of pixels inside the box: the
                // gradient sums to the number of outputs per channel (2 × 2), 0 far from the box.
                assertEquals(4f, gradient.get("0, 0").sum().getFloat(), 1e-4);
                assertEquals(0f, gradient.get("0, :, 7, 7").sum().getFloat(), 0);
                assertTrue(gradient.get("0, 1, 3, 3").getFloat() > 0);
            }
        }
    }

    /** A direct port of torchvision's CPU kernel loop, one bin and one sample at a time. */
    static float[] reference(
            float[] f, float[] boxes, long[] images, int p, float scale, int s, boolean aligned) {
        int rois = images.length;
        float[] out = new float[rois * C * p * p];
        float offset = aligned ? 0.5f : 0f;
        for (int r = 0; r < rois; r++) {
            float x1 = boxes[4 * r] * scale - offset;
            float y1 = boxes[4 * r + 1] * scale - offset;
            float w = boxes[4 * r + 2] * scale - offset - x1;
            float h = boxes[4 * r + 3] * scale - offset - y1;
            if (!aligned) {
                w = Math.max(w, 1);
                h = Math.max(h, 1);
            }
            float binW = w / p;
            float binH = h / p;
            for (int c = 0; c < C; c++) {
                for (int ph = 0; ph < p; ph++) {
                    for (int pw = 0; pw < p; pw++) {
                        double sum = 0;
                        for (int iy = 0; iy < s; iy++) {
                            float y = y1 + ph * binH + (iy + .5f) * binH / s;
                            for (int ix = 0; ix < s; ix++) {
                                float x = x1 + pw * binW + (ix + .5f) * binW / s;
                                sum += bilinear(f, (int) images[r], c, y, x);
                            }
                        }
                        out[((r * C + c) * p + ph) * p + pw] = (float) (sum / (s * s));
                    }
                }
            }
        }
        return out;
    }

    private static double bilinear(float[] f, int n, int c, float y, float x) {
        if (y < -1 || y > H || x < -1 || x > W) {
            return 0;
        }
        y = Math.max(y, 0);
        x = Math.max(x, 0);
        int yLow = (int) y;
        int xLow = (int) x;
        int yHigh;
        int xHigh;
        if (yLow >= H - 1) {
            yHigh = yLow = H - 1;
            y = yLow;
        } else {
            yHigh = yLow + 1;
        }
        if (xLow >= W - 1) {
            xHigh = xLow = W - 1;
            x = xLow;
        } else {
            xHigh = xLow + 1;
        }
        float ly = y - yLow;
        float lx = x - xLow;
        int base = (n * C + c) * H * W;
        return (1 - ly) * (1 - lx) * f[base + yLow * W + xLow]
                + (1 - ly) * lx * f[base + yLow * W + xHigh]
                + ly * (1 - lx) * f[base + yHigh * W + xLow]
                + ly * lx * f[base + yHigh * W + xHigh];
    }
}
