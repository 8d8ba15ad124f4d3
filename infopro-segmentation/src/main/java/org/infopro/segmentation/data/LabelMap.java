package org.infopro.segmentation.data;

/**
 * A decoded image with its per-pixel labels, both row-major.
 *
 * @param rgb interleaved R, G, B bytes, height·width·3
 * @param labels one class index per pixel (255 = ignore)
 * @param height rows
 * @param width columns
 */
public record LabelMap(byte[] rgb, int[] labels, int height, int width) {}
