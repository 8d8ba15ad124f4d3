package org.infopro.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class Dropout2dTest {

    @Test
    void dropsWholeChannelsAndRescalesInTrainingOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Dropout2d dropout = new Dropout2d(0.5f);
            NDArray x = m.ones(new Shape(4, 16, 3, 3));
            ParameterStore ps = new ParameterStore(m, false);
            assertArrayEquals(
                    x.toFloatArray(),
                    dropout.forward(ps, new NDList(x), false).head().toFloatArray());
            float[] y = dropout.forward(ps, new NDList(x), true).head().toFloatArray();
            int zeroMaps = 0;
            for (int map = 0; map < 4 * 16; map++) {
                float first = y[map * 9];
                assertTrue(first == 0f || first == 2f, "kept maps are scaled by 1/(1-p): " + first);
                for (int i = 1; i < 9; i++) {
                    assertTrue(y[map * 9 + i] == first, "a whole map is kept or dropped");
                }
                zeroMaps += first == 0f ? 1 : 0;
            }
            assertTrue(zeroMaps > 8 && zeroMaps < 56, "about half the maps dropped: " + zeroMaps);
        }
    }
}
