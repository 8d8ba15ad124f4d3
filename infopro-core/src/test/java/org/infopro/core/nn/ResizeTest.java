package org.infopro.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** align_corners=True resizing, checked against F.interpolate's values. */
class ResizeTest {

    @Test
    void upsamplesWithAlignedCorners() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 1, 2}, new Shape(1, 1, 1, 3));
            NDArray y = Resize.bilinearAlignCorners(x, 1, 5);
            assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f, 2}, y.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void twoDimensionalCornersAreKept() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray y = Resize.bilinearAlignCorners(x, 3, 3);
            assertArrayEquals(
                    new float[] {1, 1.5f, 2, 2, 2.5f, 3, 3, 3.5f, 4}, y.toFloatArray(), 1e-6f);
        }
    }

    /**
     * The local trainer closes a module's scope before its backward pass; the resize must keep
     * working then, even when the JVM frees and reuses direct buffers in between.
     */
    @Test
    void gradientSurvivesClosingTheScopeBeforeBackward() throws InterruptedException {
        for (int trial = 0; trial < 5; trial++) {
            try (NDManager root = NDManager.newBaseManager()) {
                NDArray x = root.ones(new Shape(1, 1, 2, 2));
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector();
                        NDManager keep = root.newSubManager()) {
                    NDManager scope = root.newSubManager();
                    NDArray input = Scalars.mul(x, 1f); // enters the graph inside the scope
                    input.attach(scope);
                    NDArray loss = Resize.bilinearAlignCorners(input, 3, 3).sum();
                    loss.attach(keep);
                    scope.close();
                    churnDirectMemory();
                    gc.backward(loss);
                }
                // Each corner source pixel receives 1 + 0.5·2 + 0.25 = 2.25 of the 9 outputs.
                assertArrayEquals(
                        new float[] {2.25f, 2.25f, 2.25f, 2.25f},
                        x.getGradient().toFloatArray(),
                        1e-5f);
            }
        }
    }

    static void churnDirectMemory() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            System.gc();
            ByteBuffer b = ByteBuffer.allocateDirect(64);
            while (b.hasRemaining()) {
                b.putFloat(1e30f);
            }
        }
        Thread.sleep(10);
    }
}
