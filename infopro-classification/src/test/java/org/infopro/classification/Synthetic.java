package org.infopro.classification;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.infopro.core.testing.TinyFiles;

/**
 * A learnable 10-class set written as real IDX files: class c is a noisy 28×28 pattern of stripes,
 * horizontal for c &lt; 5 and vertical otherwise, with period 2·(c mod 5 + 1), so a tiny network
 * reaches high accuracy within a few hundred samples.
 */
public final class Synthetic {

    private Synthetic() {}

    /** Writes {@code train-*} and {@code t10k-*} IDX files (gzip) into {@code dir}. */
    public static Path writeIdxDataset(Path dir, int train, int test) throws IOException {
        write(dir, "train", train, 1);
        write(dir, "t10k", test, 2);
        return dir;
    }

    private static void write(Path dir, String prefix, int n, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] pixels = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            labels[i] = (byte) c;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int along = c < 5 ? y : x;
                    boolean bright = (along / (c % 5 + 1)) % 2 == 0;
                    int v = bright ? 180 + random.nextInt(75) : random.nextInt(70);
                    pixels[i * 784 + y * 28 + x] = (byte) v;
                }
            }
        }
        TinyFiles.writeIdx(
                dir.resolve(prefix + "-images-idx3-ubyte.gz"),
                dir.resolve(prefix + "-labels-idx1-ubyte.gz"),
                pixels,
                labels,
                28,
                28,
                true);
    }
}
