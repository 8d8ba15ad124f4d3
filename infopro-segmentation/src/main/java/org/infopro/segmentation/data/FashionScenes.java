package org.infopro.segmentation.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.infopro.core.data.ImageFiles;
import org.infopro.core.data.RawImages;
import org.infopro.core.data.TexturedBackground;

/**
 * The generated segmentation benchmark: scenes of 1–4 Fashion-MNIST items, scaled 1.5–3×, tinted
 * and placed (overlapping allowed) on textured backgrounds, written in the PASCAL VOC layout and
 * read back by {@link VocSegmentation}. Pixel label = item class + 1, background 0, and a one-pixel
 * band on every item's outline 255 (ignored), as VOC marks object borders.
 */
public final class FashionScenes {

    /** Bumped whenever the generator's output changes, so stale generated sets are rebuilt. */
    public static final int VERSION = 2;

    /** Background + the 10 Fashion-MNIST classes. */
    public static final int CLASSES = 11;

    /** Item pixels brighter than this belong to the item's mask. */
    private static final int MASK_THRESHOLD = 40;

    private final RawImages items;
    private final int height;
    private final int width;

    /**
     * @param items Fashion-MNIST images (28×28 grey) to draw items from
     * @param height scene height in pixels
     * @param width scene width in pixels
     */
    public FashionScenes(RawImages items, int height, int width) {
        if (items.channels() != 1) {
            throw new IllegalArgumentException(
                    "Items must be grey images, got " + items.channels() + " channels");
        }
        this.items = items;
        this.height = height;
        this.width = width;
    }

    /**
     * Writes {@code count} scenes of one split under {@code root} in the VOC layout and appends
     * their ids to {@code ImageSets/Segmentation/<split>.txt}. Same seed, same files.
     */
    public void write(Path root, String split, int count, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String id = split + "_" + String.format("%06d", n);
            int[] labels = new int[height * width];
            byte[] rgb = TexturedBackground.draw(random, height, width);
            int objects = 1 + random.nextInt(4);
            for (int o = 0; o < objects; o++) {
                place(random, rgb, labels);
            }
            ImageFiles.writeRgb(
                    root.resolve("JPEGImages/" + id + ".jpg"), rgb, height, width, "jpg");
            ImageFiles.writePalettePng(
                    root.resolve("SegmentationClass/" + id + ".png"), labels, height, width);
            ids.add(id);
        }
        Path list = root.resolve("ImageSets/Segmentation/" + split + ".txt");
        Files.createDirectories(list.getParent());
        Files.write(list, ids);
    }

    /** Draws one random item at a random scale, tint and position; updates labels and borders. */
    private void place(SplittableRandom random, byte[] rgb, int[] labels) {
        int index = random.nextInt(items.size());
        int label = items.labels()[index] + 1;
        int size = (int) Math.round(28 * random.nextDouble(1.5, 3.0));
        size = Math.min(size, Math.min(height, width));
        int top = random.nextInt(height - size + 1);
        int left = random.nextInt(width - size + 1);
        double[] tint = {
            random.nextDouble(0.3, 1), random.nextDouble(0.3, 1), random.nextDouble(0.3, 1)
        };
        boolean[] mask = new boolean[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = items.pixels()[index * 784 + (y * 28 / size) * 28 + x * 28 / size] & 0xFF;
                if (v <= MASK_THRESHOLD) {
                    continue;
                }
                mask[y * size + x] = true;
                int p = (top + y) * width + left + x;
                labels[p] = label;
                for (int c = 0; c < 3; c++) {
                    rgb[p * 3 + c] =
                            (byte)
                                    TexturedBackground.clampByte(
                                            255 * tint[c] * (0.35 + 0.65 * v / 255.0));
                }
            }
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (mask[y * size + x] && onOutline(mask, size, y, x)) {
                    labels[(top + y) * width + left + x] = SegmentationSet.IGNORE;
                }
            }
        }
    }

    private static boolean onOutline(boolean[] mask, int size, int y, int x) {
        return y == 0
                || x == 0
                || y == size - 1
                || x == size - 1
                || !mask[(y - 1) * size + x]
                || !mask[(y + 1) * size + x]
                || !mask[y * size + x - 1]
                || !mask[y * size + x + 1];
    }
}
