package org.infopro.classification.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.infopro.core.data.RawImages;

/**
 * SVHN's cropped-digit files ({@code train_32x32.mat}, {@code test_32x32.mat}, {@code
 * extra_32x32.mat}): {@code X} is a 32×32×3×N uint8 array and {@code y} an N×1 array of labels
 * 1–10, where 10 stands for the digit 0 (mapped to label 0, as torchvision does).
 */
public final class SvhnReader {

    /** Image side in pixels. */
    public static final int SIDE = 32;

    private SvhnReader() {}

    /**
     * Reads one file into (C, H, W) row-major images.
     *
     * @throws IOException naming the file when it is missing, malformed, lacks X or y, has X of
     *     another shape, or holds a label outside 1–10
     */
    public static RawImages read(Path file) throws IOException {
        Map<String, MatFile.Array> arrays = MatFile.read(file);
        MatFile.Array x = arrays.get("X");
        MatFile.Array y = arrays.get("y");
        if (x == null || y == null) {
            throw new IOException(file + ": needs variables X and y, found " + arrays.keySet());
        }
        int[] d = x.dims();
        if (d.length != 4 || d[0] != SIDE || d[1] != SIDE || d[2] != 3 || x.bytes() == null) {
            throw new IOException(
                    file
                            + ": X must be a 32x32x3xN uint8 array, got "
                            + java.util.Arrays.toString(d));
        }
        int n = d[3];
        if (y.size() != n) {
            throw new IOException(file + ": " + y.size() + " labels for " + n + " images");
        }
        int[] labels = new int[n];
        byte[] pixels = new byte[n * 3 * SIDE * SIDE];
        byte[] raw = x.bytes();
        int plane = SIDE * SIDE;
        for (int i = 0; i < n; i++) {
            double label = y.at(i);
            if (label < 1 || label > 10 || label != Math.rint(label)) {
                throw new IOException(
                        file + ": label " + label + " of image " + i + " not in 1-10");
            }
            labels[i] = (int) label % 10;
            for (int c = 0; c < 3; c++) {
                for (int col = 0; col < SIDE; col++) {
                    for (int row = 0; row < SIDE; row++) {
                        // MATLAB order: row fastest, then column, channel, image.
                        long from = row + (long) SIDE * col + (long) plane * c + 3L * plane * i;
                        pixels[(i * 3 + c) * plane + row * SIDE + col] = raw[(int) from];
                    }
                }
            }
        }
        return new RawImages(pixels, labels, 3, SIDE, SIDE, 10);
    }
}
