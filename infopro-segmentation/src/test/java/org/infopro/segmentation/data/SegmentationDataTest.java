package org.infopro.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.infopro.core.data.ImageFiles;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.nn.FeatureShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationDataTest {

    @Test
    void resizeKeepsLabelsNearestAndFlipMirrors() {
        LabelMap in = new LabelMap(new byte[2 * 2 * 3], new int[] {1, 2, 3, 4}, 2, 2);
        LabelMap up = SegmentationAugmentation.resize(in, 4, 4);
        assertArrayEquals(new int[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, up.labels());
        assertArrayEquals(new int[] {2, 1, 4, 3}, SegmentationAugmentation.flip(in).labels());
    }

    /** OpenCV decodes BGR; the reader must hand out RGB. */
    @Test
    void imagesDecodeInRgbOrder(@TempDir Path dir) throws Exception {
        byte[] rgb = {(byte) 250, 10, 20, 30, (byte) 240, 40};
        Path png = dir.resolve("two.png");
        ImageFiles.writeRgb(png, rgb, 1, 2, "png");
        int[] size = new int[2];
        assertArrayEquals(rgb, Images.readRgb(png, size));
        assertArrayEquals(new int[] {1, 2}, size);
    }

    @Test
    void corruptImageIsNamed(@TempDir Path dir) throws Exception {
        Path jpg = dir.resolve("broken.jpg");
        Files.write(jpg, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> Images.readRgb(jpg, new int[2]));
        assertTrue(e.getMessage().contains("broken.jpg"), e.getMessage());
    }

    /** Hue shifts wrap at 180 and every distortion keeps 8-bit pixels of the same size. */
    @Test
    void photometricDistortionKeepsTheImageShape() {
        byte[] rgb = new byte[4 * 5 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 37);
        }
        boolean changed = false;
        for (int seed = 0; seed < 8; seed++) {
            byte[] out =
                    SegmentationAugmentation.photometric(rgb, 4, 5, new SplittableRandom(seed));
            assertEquals(rgb.length, out.length);
            changed |= !java.util.Arrays.equals(rgb, out);
        }
        assertTrue(changed, "some seed distorts the colours");
    }

    @Test
    void cropAvoidsOneClassDominatingWhenItCan() {
        // Left half all class 1, right 3 columns classes 2/3: only crops reaching the right are
        // balanced.
        int h = 8;
        int w = 16;
        int[] labels = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                labels[y * w + x] = x < 13 ? 1 : (y % 2 == 0 ? 2 : 3);
            }
        }
        LabelMap map = new LabelMap(new byte[h * w * 3], labels, h, w);
        SegmentationAugmentation aug = new SegmentationAugmentation(8, 6, 16, 8, 1, 1, 0.75);
        int balanced = 0;
        for (int seed = 0; seed < 20; seed++) {
            LabelMap crop = aug.crop(map, new SplittableRandom(seed));
            long ones = java.util.Arrays.stream(crop.labels()).filter(l -> l == 1).count();
            balanced += ones < 0.75 * crop.labels().length ? 1 : 0;
        }
        assertTrue(balanced >= 15, "most crops balanced: " + balanced);
    }

    @Test
    void batchesArePaddedWithIgnoreAndReproducible(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] pixels = new byte[10 * 784];
        int[] classes = new int[10];
        for (int c = 0; c < 10; c++) {
            classes[c] = c;
            for (int i = 100; i < 600; i++) {
                pixels[c * 784 + i] = (byte) 220;
            }
        }
        new FashionScenes(
                        new org.infopro.core.data.RawImages(pixels, classes, 1, 28, 28, 10), 48, 64)
                .write(dir, "train", 4, 3);
        SegmentationSet set = VocSegmentation.open(dir, "train", FashionScenes.CLASSES);
        SegmentationData data =
                new SegmentationData(
                        set,
                        new FeatureShape(3, 48, 64),
                        SegmentationAugmentation.standard(48, 64, 64, 48),
                        0);
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingBatch a = data.load(m, new int[] {0, 1, 2, 3}, LabeledData.Pass.TRAINING, 9);
            TrainingBatch b = data.load(m, new int[] {0, 1, 2, 3}, LabeledData.Pass.TRAINING, 9);
            assertArrayEquals(a.input().toFloatArray(), b.input().toFloatArray());
            assertArrayEquals(new long[] {4, 3, 48, 64}, a.input().getShape().getShape());
            assertArrayEquals(new long[] {4, 48, 64}, a.labels().head().getShape().getShape());
            long[] labels = a.labels().head().toLongArray();
            assertTrue(java.util.Arrays.stream(labels).allMatch(l -> l <= 10 || l == 255));
            TrainingBatch eval = data.load(m, new int[] {0}, LabeledData.Pass.EVALUATION, 0);
            assertEquals(set.read(0).labels()[5], eval.labels().head().toLongArray()[5]);
        }
    }
}
