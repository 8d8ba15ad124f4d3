package org.infopro.video.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infopro.core.data.LabeledData.Pass;
import org.infopro.core.data.TrainingBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clips folded into frame batches: layout, temporal order, views and labels. */
class VideoDataTest {

    @TempDir Path dir;

    @Test
    void trainingBatchesHoldTFramesPerClipInTemporalOrder() throws IOException {
        VideoData data = data(2, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingBatch batch = data.load(manager, new int[] {1, 0}, Pass.TRAINING, 3);
            assertEquals(new Shape(4, 3, 4, 4), batch.input().getShape());
            assertArrayEquals(new long[] {1, 0}, batch.labels().head().toLongArray());
            float[] grey = meanPerFrame(batch);
            // Clip 1 has 6 frames: one from frames 1–3, one from 4–6 (grey 40·i).
            assertTrue(grey[0] < grey[1], "frames of a clip keep their order");
            assertTrue(grey[0] >= 40 / 255f - 0.02 && grey[0] <= 120 / 255f + 0.02);
            assertTrue(grey[1] >= 160 / 255f - 0.02 && grey[1] <= 240 / 255f + 0.02);
        }
    }

    @Test
    void evaluationBatchesHoldEveryTestClip() throws IOException {
        VideoData data = data(2, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingBatch batch = data.load(manager, new int[] {1}, Pass.EVALUATION, 0);
            assertEquals(new Shape(6, 3, 4, 4), batch.input().getShape());
            float[] grey = meanPerFrame(batch);
            // 6 frames, 2 segments of 3, clips at fractions 1/6, 1/2, 5/6 of each segment.
            float[] expected = {1, 4, 2, 5, 3, 6};
            for (int r = 0; r < grey.length; r++) {
                assertEquals(expected[r] * 40 / 255f, grey[r], 0.02, "row " + r);
            }
        }
    }

    @Test
    void aMissingFrameAtLoadTimeIsNamed() throws IOException {
        VideoData data = data(2, 1);
        Files.delete(data.clips().get(0).frame(2));
        try (NDManager manager = NDManager.newBaseManager()) {
            UncheckedIOException e =
                    assertThrows(
                            UncheckedIOException.class,
                            () -> data.load(manager, new int[] {0}, Pass.EVALUATION, 0));
            assertTrue(e.getMessage().contains("img_00002.jpg"), e.getMessage());
        }
    }

    @Test
    void samplingMatchesTsn() {
        assertArrayEquals(new int[] {2, 4, 7, 9}, SegmentSampler.testing(10, 4));
        assertArrayEquals(new int[] {2, 7}, SegmentSampler.testing(10, 2, 0, 2));
        assertArrayEquals(new int[] {4, 9}, SegmentSampler.testing(10, 2, 1, 2));
    }

    /** Clip 0: 4 frames, label 0; clip 1: 6 frames, label 1; 4×4 grey frames. */
    private VideoData data(int segments, int testClips) throws IOException {
        TinyClips.writeFrames(dir, "a", 4);
        TinyClips.writeFrames(dir, "b", 6);
        List<VideoClip> clips =
                List.of(
                        new VideoClip("a", dir.resolve("a"), 0, 4),
                        new VideoClip("b", dir.resolve("b"), 1, 6));
        return new VideoData(clips, 2, segments, testClips, new VideoAugmentation(4, false), 0);
    }

    /** The restored mean of each row (frame) of a batch. */
    private static float[] meanPerFrame(TrainingBatch batch) {
        NDArray restored = batch.restoredInput();
        return restored.reshape(restored.getShape().get(0), -1).mean(new int[] {1}).toFloatArray();
    }
}
