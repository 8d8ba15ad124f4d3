package org.infopro.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.nn.FeatureShape;
import org.junit.jupiter.api.Test;

class BatchPrefetcherTest {

    private static final IllegalStateException BROKEN = new IllegalStateException("sample 13");

    /** Batch i holds its first index as input; index 13 fails to load. */
    private static final LabeledData DATA =
            new LabeledData() {
                @Override
                public int sampleCount() {
                    return 20;
                }

                @Override
                public int classes() {
                    return 2;
                }

                @Override
                public FeatureShape sampleShape() {
                    return new FeatureShape(1, 1, 1);
                }

                @Override
                public Normalization normalization() {
                    return Normalization.uniform(1, 0, 1);
                }

                @Override
                public TrainingBatch load(NDManager manager, int[] indices, Pass pass, long seed) {
                    if (indices[0] == 13) {
                        throw BROKEN;
                    }
                    return new TrainingBatch(
                            manager.create(new float[] {indices[0]}),
                            new NDList(manager.create(new long[] {seed})),
                            normalization());
                }
            };

    @Test
    void batchesArriveInRequestOrderAndErrorsSurfaceUnchanged() {
        try (NDManager root = NDManager.newBaseManager();
                BatchPrefetcher loader =
                        new BatchPrefetcher(root, DATA, LabeledData.Pass.TRAINING)) {
            for (int i = 0; i < 3; i++) {
                loader.request(new int[] {i}, 7);
                try (BatchPrefetcher.Loaded loaded = loader.take()) {
                    assertEquals(i, loaded.batch().input().getFloat());
                    assertEquals(7L, loaded.batch().labels().head().getLong());
                }
            }
            loader.request(new int[] {13}, 7);
            assertSame(BROKEN, assertThrows(IllegalStateException.class, loader::take));
        }
    }

    @Test
    void closingFreesABatchNeverTaken() {
        try (NDManager root = NDManager.newBaseManager()) {
            BatchPrefetcher loader = new BatchPrefetcher(root, DATA, LabeledData.Pass.TRAINING);
            loader.request(new int[] {4}, 0);
            loader.close();
            assertFalse(
                    root.getManagedArrays().stream().anyMatch(a -> !a.isReleased()),
                    "no array of the pending batch is left");
        }
    }
}
