package org.infopro.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import org.infopro.core.nn.FeatureShape;
import org.junit.jupiter.api.Test;

/** A DJL dataset as training data: shapes from its records, batches in the asked order. */
class DjlDataTest {

    @Test
    void batchesHoldTheRequestedRecordsInOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] pixels = new float[5 * 2 * 3 * 3];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = i;
            }
            ArrayDataset dataset =
                    new ArrayDataset.Builder()
                            .setData(manager.create(pixels, new Shape(5, 2, 3, 3)))
                            .optLabels(manager.create(new long[] {4, 3, 2, 1, 0}))
                            .setSampling(2, false)
                            .build();
            DjlData data = DjlData.of(dataset, 5, Normalization.uniform(2, 0, 1));
            assertEquals(5, data.sampleCount());
            assertEquals(new FeatureShape(2, 3, 3), data.sampleShape());
            TrainingBatch batch =
                    data.load(manager, new int[] {3, 0}, LabeledData.Pass.TRAINING, 0);
            assertEquals(new Shape(2, 2, 3, 3), batch.input().getShape());
            assertEquals(3 * 18f, batch.input().get(0).toFloatArray()[0]);
            assertArrayEquals(new long[] {1, 4}, batch.labels().head().toLongArray());
        }
    }

    @Test
    void labelsOutsideTheClassesAndNonImagesAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset images =
                    new ArrayDataset.Builder()
                            .setData(manager.zeros(new Shape(2, 1, 4, 4)))
                            .optLabels(manager.create(new long[] {0, 7}))
                            .setSampling(2, false)
                            .build();
            DjlData data = DjlData.of(images, 3, Normalization.uniform(1, 0, 1));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> data.load(manager, new int[] {1}, LabeledData.Pass.TRAINING, 0));
            assertEquals("Record 1 of the DJL dataset has label 7, outside 0..2", e.getMessage());
            ArrayDataset vectors =
                    new ArrayDataset.Builder()
                            .setData(manager.zeros(new Shape(2, 8)))
                            .optLabels(manager.create(new long[] {0, 1}))
                            .setSampling(2, false)
                            .build();
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> DjlData.of(vectors, 2, Normalization.uniform(1, 0, 1)));
            assertEquals(
                    "DJL dataset records must hold one (C, H, W) image, got shape (8)",
                    e.getMessage());
        }
    }
}
