package org.infopro.classification.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infopro.core.config.PixelSize;
import org.infopro.core.data.ImageFiles;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.TrainingBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir Path root;

    /** A 40×60 image, left half black, right half white. */
    private void image(Path file) throws IOException {
        byte[] rgb = new byte[40 * 60 * 3];
        for (int y = 0; y < 40; y++) {
            for (int x = 30; x < 60; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * 60 + x) * 3 + c] = (byte) 255;
                }
            }
        }
        ImageFiles.writeRgb(file, rgb, 40, 60, "png");
    }

    private void write() throws IOException {
        for (String c : List.of("n02", "n01")) {
            Files.createDirectories(root.resolve("train/" + c));
            image(root.resolve("train/" + c + "/a.png"));
            image(root.resolve("train/" + c + "/b.png"));
        }
        Files.createDirectories(root.resolve("val"));
        image(root.resolve("val/v1.png"));
        image(root.resolve("val/v2.png"));
        Files.writeString(root.resolve("val/labels.txt"), "v1.png n02\nv2.png 0\n");
    }

    @Test
    void classFoldersAndFlatValidationWithLabels() throws IOException {
        write();
        LabeledData train =
                new ClassificationDatasets()
                        .open("imagenet", root, "train", 0, new PixelSize(32, 32));
        assertEquals(4, train.sampleCount());
        assertEquals(2, train.classes());
        LabeledData val =
                new ClassificationDatasets()
                        .open("imagenet", root, "test", 0, new PixelSize(32, 32));
        try (NDManager m = NDManager.newBaseManager()) {
            // Classes sorted: n01 → 0, n02 → 1.
            TrainingBatch batch = val.load(m, new int[] {0, 1}, LabeledData.Pass.EVALUATION, 0);
            assertArrayEquals(new long[] {1, 0}, batch.labels().head().toLongArray());
            assertEquals(new Shape(2, 3, 32, 32), batch.input().getShape());
            // Resize to 37 × 55 (shorter side 32·256/224), centre 32×32: dark left, light right.
            float left = batch.input().get("0, 0, 16, 2").getFloat();
            float right = batch.input().get("0, 0, 16, 29").getFloat();
            assertTrue(left < -1.5f && right > 1.5f, left + " / " + right);

            TrainingBatch augmented = train.load(m, new int[] {0, 3}, LabeledData.Pass.TRAINING, 7);
            assertEquals(new Shape(2, 3, 32, 32), augmented.input().getShape());
            TrainingBatch again = train.load(m, new int[] {0, 3}, LabeledData.Pass.TRAINING, 7);
            assertArrayEquals(
                    augmented.input().toFloatArray(), again.input().toFloatArray(), "seeded");
        }
    }

    @Test
    void badLabelLinesNameTheFileAndLine() throws IOException {
        write();
        Files.writeString(root.resolve("val/labels.txt"), "v1.png n02\nv2.png n09\n");
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                new ClassificationDatasets()
                                        .open("imagenet", root, "test", 0, (PixelSize) null));
        assertTrue(
                e.getMessage().contains("labels.txt line 2: unknown class 'n09'"), e.getMessage());
        Files.writeString(root.resolve("val/labels.txt"), "missing.png n02\n");
        e =
                assertThrows(
                        IOException.class,
                        () ->
                                new ClassificationDatasets()
                                        .open("imagenet", root, "test", 0, (PixelSize) null));
        assertTrue(e.getMessage().contains("line 1: image"), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }
}
