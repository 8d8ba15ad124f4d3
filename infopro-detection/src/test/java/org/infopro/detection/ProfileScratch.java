package org.infopro.detection;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.infopro.detection.ops.RoiAlign;
import org.infopro.detection.ops.Nms;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class ProfileScratch {
    @Test
    void roiAlignCost() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = m.randomUniform(0, 1, new Shape(8, 64, 32, 32));
            f.setRequiresGradient(true);
            int r = 4096;
            float[] b = new float[r * 4];
            java.util.Random rnd = new java.util.Random(0);
            long[] img = new long[r];
            for (int i = 0; i < r; i++) {
                float x = rnd.nextFloat() * 100, y = rnd.nextFloat() * 100;
                b[4 * i] = x; b[4 * i + 1] = y; b[4 * i + 2] = x + 10 + rnd.nextFloat() * 40; b[4 * i + 3] = y + 10 + rnd.nextFloat() * 40;
                img[i] = i % 8;
            }
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = new RoiAlign(7, 0.25f, 2, true).apply(f, m.create(b, new Shape(r, 4)), m.create(img));
                    long t1 = System.nanoTime();
                    gc.backward(out.square().sum());
                    System.out.printf("roialign fwd %.0f ms bwd %.0f ms%n", (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6);
                }
            }
            NDArray boxes = m.create(java.util.Arrays.copyOf(b, 4000 * 4), new Shape(4000, 4));
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                Nms.nms(boxes, m.randomUniform(0, 1, new Shape(4000)), 0.7f);
                System.out.printf("nms %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            }
        }
    }
}
