package org.infopro.classification.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.RawImages;
import org.infopro.core.nn.FeatureShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STL-10's binary files, written in their real (column-major) layout. */
class Stl10ReaderTest {

    private static final int S = Stl10Reader.SIDE;

    @TempDir Path dir;

    @Test
    void readsColumnMajorImagesAndOneBasedLabels() throws IOException {
        write("train", new byte[] {3, 10});
        RawImages images = Stl10Reader.read(dir.resolve("train_X.bin"), dir.resolve("train_y.bin"));
        assertEquals(2, images.size());
        assertArrayEquals(new int[] {2, 9}, images.labels());
        // Pixel (row 1, column 5) of image 1, channel 2: stored at column 5, row 1.
        int at = 3 * S * S + (2 * S + 1) * S + 5;
        assertEquals(value(1, 2, 1, 5), images.pixels()[at] & 0xFF);
    }

    @Test
    void theRegistryNameOpensTheStandardFolder() throws IOException {
        Files.createDirectories(dir.resolve("stl10_binary"));
        write("stl10_binary/test", new byte[] {1});
        LabeledData data = new ClassificationDatasets().open("stl10", dir, "test", 0);
        assertEquals(1, data.sampleCount());
        assertEquals(new FeatureShape(3, S, S), data.sampleShape());
    }

    @Test
    void trainingCropsPadWithZeros() throws IOException {
        Files.write(dir.resolve("train_X.bin"), filled(3 * S * S, (byte) 255));
        Files.write(dir.resolve("train_y.bin"), new byte[] {1});
        LabeledData data = new ClassificationDatasets().open("stl10", dir, "train", 0);
        float min = 1;
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            for (int seed = 0; seed < 10; seed++) {
                float[] x =
                        data.load(m, new int[] {0}, LabeledData.Pass.TRAINING, seed)
                                .input()
                                .toFloatArray();
                for (float v : x) {
                    min = Math.min(min, v);
                }
            }
        }
        // A white image is 1 after normalisation; a black (zero) pad is (0 - 0.5) / 0.5 = -1.
        assertEquals(-1f, min, 1e-6f);
    }

    private static byte[] filled(int n, byte value) {
        byte[] bytes = new byte[n];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }

    @Test
    void badFilesAreNamed() throws IOException {
        write("train", new byte[] {3, 11});
        IOException label =
                assertThrows(
                        IOException.class,
                        () ->
                                Stl10Reader.read(
                                        dir.resolve("train_X.bin"), dir.resolve("train_y.bin")));
        assertTrue(label.getMessage().contains("train_y.bin: label 11"), label.getMessage());
        Files.write(dir.resolve("test_X.bin"), new byte[100]);
        Files.write(dir.resolve("test_y.bin"), new byte[] {1});
        IOException truncated =
                assertThrows(
                        IOException.class,
                        () ->
                                Stl10Reader.read(
                                        dir.resolve("test_X.bin"), dir.resolve("test_y.bin")));
        assertTrue(truncated.getMessage().contains("test_X.bin"), truncated.getMessage());
    }

    /** A recognisable value of pixel (image, channel, row, column) stored at (column, row). */
    private static int value(int image, int channel, int row, int column) {
        return (image * 7 + channel * 31 + row * 3 + column * 5) % 256;
    }

    private void write(String prefix, byte[] labels) throws IOException {
        byte[] x = new byte[labels.length * 3 * S * S];
        for (int i = 0; i < labels.length; i++) {
            for (int c = 0; c < 3; c++) {
                for (int col = 0; col < S; col++) {
                    for (int row = 0; row < S; row++) {
                        x[((i * 3 + c) * S + col) * S + row] = (byte) value(i, c, row, col);
                    }
                }
            }
        }
        Files.write(dir.resolve(prefix + "_X.bin"), x);
        Files.write(dir.resolve(prefix + "_y.bin"), labels);
    }
}
