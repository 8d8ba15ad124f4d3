package org.infopro.classification.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.core.data.RawImages;

/**
 * STL-10's binary format: {@code *_X.bin} holds 96×96 RGB images as unsigned bytes, each channel
 * stored column by column (MATLAB order); {@code *_y.bin} holds one label byte 1–10 per image.
 */
public final class Stl10Reader {

    /** Image side in pixels. */
    public static final int SIDE = 96;

    private static final int PER_IMAGE = 3 * SIDE * SIDE;

    private Stl10Reader() {}

    /**
     * Reads images and labels, labels shifted to 0–9 and pixels to (C, H, W) row-major order.
     *
     * @throws IOException naming the file when one is missing, truncated, or holds a bad label
     */
    public static RawImages read(Path images, Path labels) throws IOException {
        byte[] x = readFile(images);
        byte[] y = readFile(labels);
        if (x.length % PER_IMAGE != 0) {
            throw new IOException(
                    images + ": " + x.length + " bytes is not a whole number of 96x96x3 images");
        }
        int n = x.length / PER_IMAGE;
        if (y.length != n) {
            throw new IOException(
                    labels + ": " + y.length + " labels for the " + n + " images of " + images);
        }
        int[] classes = new int[n];
        byte[] pixels = new byte[x.length];
        for (int i = 0; i < n; i++) {
            int label = y[i] & 0xFF;
            if (label < 1 || label > 10) {
                throw new IOException(
                        labels + ": label " + label + " of image " + i + " not in 1-10");
            }
            classes[i] = label - 1;
            for (int c = 0; c < 3; c++) {
                int base = i * PER_IMAGE + c * SIDE * SIDE;
                for (int col = 0; col < SIDE; col++) {
                    for (int row = 0; row < SIDE; row++) {
                        pixels[base + row * SIDE + col] = x[base + col * SIDE + row];
                    }
                }
            }
        }
        return new RawImages(pixels, classes, 3, SIDE, SIDE, 10);
    }

    private static byte[] readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": file not found");
        }
        return Files.readAllBytes(file);
    }
}
