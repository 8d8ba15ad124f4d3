package org.infopro.video.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The shift against a copy written index by index. */
class TemporalShiftTest {

    private static final int CLIPS = 2;
    private static final int T = 3;
    private static final int C = 16;
    private static final int H = 2;
    private static final int W = 2;

    @Test
    void matchesAShiftWrittenByHand() {
        float[] x = new float[CLIPS * T * C * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        int fold = C / 8;
        float[] expected = new float[x.length];
        for (int n = 0; n < CLIPS; n++) {
            for (int t = 0; t < T; t++) {
                for (int c = 0; c < C; c++) {
                    int source = t; // channels beyond the two folds stay in place
                    if (c < fold) {
                        source = t + 1; // the future frame's values
                    } else if (c < 2 * fold) {
                        source = t - 1; // the past frame's values
                    }
                    for (int p = 0; p < H * W; p++) {
                        int to = (((n * T + t) * C + c) * H * W) + p;
                        expected[to] =
                                source < 0 || source >= T
                                        ? 0
                                        : x[(((n * T + source) * C + c) * H * W) + p];
                    }
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = new TemporalShift(T, 8).shift(m.create(x, new Shape(CLIPS * T, C, H, W)));
            assertEquals(new Shape(CLIPS * T, C, H, W), out.getShape());
            assertArrayEquals(expected, out.toFloatArray());
        }
    }

    @Test
    void oneSegmentLeavesFeaturesUnchanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(4, C, H, W));
            assertArrayEquals(x.toFloatArray(), new TemporalShift(1, 8).shift(x).toFloatArray());
        }
    }

    /** Gradients flow back through the shift: each input value reaches at most one output. */
    @Test
    void gradientsFollowTheShift() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(CLIPS * T, C, H, W));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(new TemporalShift(T, 8).shift(x).sum());
            }
            float[] g = x.getGradient().toFloatArray();
            float total = 0;
            for (float v : g) {
                total += v;
            }
            // Each clip drops its first frame's forward fold and its last frame's backward fold.
            int fold = C / 8;
            assertEquals(CLIPS * (T * C - 2 * fold) * H * W, total, 1e-6);
        }
    }

    @Test
    void rejectsBatchesThatAreNotWholeClips() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(5, C, H, W));
            assertThrows(IllegalArgumentException.class, () -> new TemporalShift(T, 8).shift(x));
        }
    }
}
