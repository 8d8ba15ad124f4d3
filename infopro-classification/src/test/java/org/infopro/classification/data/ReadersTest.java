package org.infopro.classification.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.infopro.core.data.FashionMnist;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.RawImages;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.testing.TinyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers on tiny files in the real formats, and one clear error per kind of bad input. */
class ReadersTest {

    @TempDir Path dir;

    @Test
    void readsGzipAndPlainIdx() throws IOException {
        for (boolean gzip : new boolean[] {true, false}) {
            Path root = Files.createDirectories(dir.resolve("idx" + gzip));
            byte[] pixels = new byte[2 * 28 * 28];
            pixels[5] = (byte) 255;
            writeIdx(root, "train", pixels, new byte[] {3, 9}, gzip);
            RawImages images = FashionMnist.read(root, "train");
            assertEquals(2, images.size());
            assertEquals(9, images.labels()[1]);
            assertEquals((byte) 255, images.pixels()[5]);
        }
    }

    @Test
    void fashionMnistIsPaddedReplicatedAndNormalised() throws IOException {
        byte[] pixels = new byte[28 * 28];
        pixels[0] = (byte) 255; // top-left pixel of the 28x28 image
        writeIdx(dir, "t10k", pixels, new byte[] {4}, true);
        LabeledData data = new ClassificationDatasets().open("fashion-mnist", dir, "test", 0);
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingBatch batch = data.load(m, new int[] {0}, LabeledData.Pass.EVALUATION, 0);
            float[] x = batch.input().toFloatArray();
            assertEquals(3 * 32 * 32, x.length);
            assertEquals(-1f, x[0], 1e-6); // zero padding, normalised
            assertEquals(1f, x[2 * 32 + 2], 1e-6); // the bright pixel moved to (2, 2)
            assertEquals(1f, x[2 * 1024 + 2 * 32 + 2], 1e-6); // replicated to channel 3
            assertEquals(1f, batch.restoredInput().toFloatArray()[2 * 32 + 2], 1e-6);
            assertEquals(4, batch.labels().head().getLong(0));
        }
    }

    @Test
    void truncatedIdxNamesTheFile() throws IOException {
        writeIdx(dir, "train", new byte[2 * 784], new byte[] {1, 2}, false);
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 100));
        IOException e = assertThrows(IOException.class, () -> FashionMnist.read(dir, "train"));
        assertTrue(
                e.getMessage().contains(images.toString()) && e.getMessage().contains("truncated"),
                e.getMessage());
    }

    @Test
    void wrongMagicNamesTheFile() throws IOException {
        writeIdx(dir, "train", new byte[784], new byte[] {1}, false);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[3] = 0x03;
        Files.write(labels, bytes);
        IOException e = assertThrows(IOException.class, () -> FashionMnist.read(dir, "train"));
        assertTrue(
                e.getMessage().contains(labels.toString()) && e.getMessage().contains("magic"),
                e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesTheFile() throws IOException {
        writeIdx(dir, "train", new byte[2 * 784], new byte[] {1, 12}, true);
        IOException e = assertThrows(IOException.class, () -> FashionMnist.read(dir, "train"));
        assertTrue(
                e.getMessage().contains("train-labels-idx1-ubyte.gz")
                        && e.getMessage().contains("label 12"),
                e.getMessage());
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = dir.resolve("nowhere");
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                new ClassificationDatasets()
                                        .open("fashion-mnist", missing, "train", 0));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void readsCifar10AndCifar100Records() throws IOException {
        byte[] pixels = new byte[2 * 3072];
        pixels[3072 + 1024] = 77; // second image, green channel, first pixel
        TinyFiles.writeCifar(dir.resolve("c10/test_batch.bin"), new byte[][] {{1}, {9}}, pixels);
        RawImages c10 =
                CifarBinaryReader.read(
                        List.of(dir.resolve("c10/test_batch.bin")),
                        CifarBinaryReader.Labels.CIFAR10);
        assertEquals(9, c10.labels()[1]);
        assertEquals(77, c10.pixels()[3072 + 1024]);
        TinyFiles.writeCifar(
                dir.resolve("c100/test.bin"), new byte[][] {{3, 42}, {19, 99}}, pixels);
        RawImages fine =
                CifarBinaryReader.read(
                        List.of(dir.resolve("c100/test.bin")),
                        CifarBinaryReader.Labels.CIFAR100_FINE);
        RawImages coarse =
                CifarBinaryReader.read(
                        List.of(dir.resolve("c100/test.bin")),
                        CifarBinaryReader.Labels.CIFAR100_COARSE);
        assertEquals(99, fine.labels()[1]);
        assertEquals(19, coarse.labels()[1]);
    }

    @Test
    void truncatedOrMislabelledCifarNamesTheFile() throws IOException {
        Path file = dir.resolve("test_batch.bin");
        TinyFiles.writeCifar(file, new byte[][] {{1}, {2}}, new byte[2 * 3072]);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                CifarBinaryReader.read(
                                        List.of(file), CifarBinaryReader.Labels.CIFAR10));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        TinyFiles.writeCifar(file, new byte[][] {{1}, {10}}, new byte[2 * 3072]);
        e =
                assertThrows(
                        IOException.class,
                        () ->
                                CifarBinaryReader.read(
                                        List.of(file), CifarBinaryReader.Labels.CIFAR10));
        assertTrue(e.getMessage().contains("label 10"), e.getMessage());
    }

    @Test
    void augmentationIsSeededPerSample() throws IOException {
        byte[] pixels = new byte[2 * 784];
        new java.util.Random(3).nextBytes(pixels);
        writeIdx(dir, "train", pixels, new byte[] {1, 2}, false);
        LabeledData data = new ClassificationDatasets().open("fashion-mnist", dir, "train", 0);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a =
                    data.load(m, new int[] {0, 1}, LabeledData.Pass.TRAINING, 5)
                            .input()
                            .get(1)
                            .toFloatArray();
            float[] b =
                    data.load(m, new int[] {1}, LabeledData.Pass.TRAINING, 5)
                            .input()
                            .get(0)
                            .toFloatArray();
            float[] plain =
                    data.load(m, new int[] {1}, LabeledData.Pass.EVALUATION, 5)
                            .input()
                            .get(0)
                            .toFloatArray();
            assertTrue(
                    Arrays.equals(a, b),
                    "same sample, same seed, same augmentation whatever the batch");
            assertTrue(
                    !Arrays.equals(a, plain)
                            || !Arrays.equals(
                                    data.load(m, new int[] {1}, LabeledData.Pass.TRAINING, 6)
                                            .input()
                                            .toFloatArray(),
                                    plain));
        }
    }

    private static void writeIdx(
            Path root, String prefix, byte[] pixels, byte[] labels, boolean gzip)
            throws IOException {
        String suffix = gzip ? ".gz" : "";
        TinyFiles.writeIdx(
                root.resolve(prefix + "-images-idx3-ubyte" + suffix),
                root.resolve(prefix + "-labels-idx1-ubyte" + suffix),
                pixels,
                labels,
                28,
                28,
                gzip);
    }
}
