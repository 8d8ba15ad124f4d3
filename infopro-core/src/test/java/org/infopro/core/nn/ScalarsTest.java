package org.infopro.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Constants inside the graph must survive the JVM freeing direct buffers before backward. */
class ScalarsTest {

    @Test
    void gradientsOfScaledDividedAndClampedArraysStayExact() throws InterruptedException {
        for (int trial = 0; trial < 5; trial++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray x = manager.create(new float[] {-1f, 2f, 3f});
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Scalars.maximum(Scalars.div(Scalars.mul(x, 3f), 0.5f), 0f).sum();
                    ResizeTest.churnDirectMemory();
                    gc.backward(y);
                }
                // d/dx max(6x, 0) = 6 where x > 0, else 0
                assertArrayEquals(new float[] {0f, 6f, 6f}, x.getGradient().toFloatArray(), 1e-6f);
            }
        }
    }
}
