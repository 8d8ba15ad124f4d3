package org.infopro.video.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ConsensusTest {

    @Test
    void averagesEachSamplesConsecutiveRows() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] rows = {1, 10, 3, 30, 5, 50, 7, 70};
            float[] mean = Consensus.average(m.create(rows, new Shape(4, 2)), 2).toFloatArray();
            assertArrayEquals(new float[] {2, 20, 6, 60}, mean);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> Consensus.average(m.create(rows, new Shape(4, 2)), 3));
        }
    }
}
