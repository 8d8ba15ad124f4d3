package org.infopro.core.data;

/**
 * Decoded 8-bit images and their labels, in (N, C, H, W) byte order, as read from disk.
 *
 * @param pixels N·C·H·W unsigned bytes
 * @param labels N class indices
 * @param channels C
 * @param height H
 * @param width W
 * @param classes number of classes
 */
public record RawImages(
        byte[] pixels, int[] labels, int channels, int height, int width, int classes) {

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** The first {@code limit} images (all when limit is 0 or larger than the set). */
    public RawImages first(int limit) {
        if (limit <= 0 || limit >= size()) {
            return this;
        }
        int perImage = channels * height * width;
        byte[] p = java.util.Arrays.copyOf(pixels, limit * perImage);
        int[] l = java.util.Arrays.copyOf(labels, limit);
        return new RawImages(p, l, channels, height, width, classes);
    }
}
