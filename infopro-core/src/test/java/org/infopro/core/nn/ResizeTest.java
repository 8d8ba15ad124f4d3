package org.infopro.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
}
