package org.infopro.classification.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.infopro.core.data.RawImages;

/**
 * Reads the CIFAR binary format: fixed-size records of label byte(s) then 3072 pixel bytes (1024
 * red, 1024 green, 1024 blue, row-major 32×32). CIFAR-10 records carry one label byte; CIFAR-100
 * records carry the coarse then the fine label.
 */
public final class CifarBinaryReader {

    /** Pixel bytes per record. */
    public static final int PIXELS = 3 * 32 * 32;

    /** Which label of a record to use. */
    public enum Labels {
        /** CIFAR-10: one label byte, 10 classes. */
        CIFAR10(1, 0, 10),
        /** CIFAR-100 fine labels (second byte), 100 classes. */
        CIFAR100_FINE(2, 1, 100),
        /** CIFAR-100 coarse labels (first byte), 20 classes. */
        CIFAR100_COARSE(2, 0, 20);

        final int labelBytes;
        final int offset;
        final int classes;

        Labels(int labelBytes, int offset, int classes) {
            this.labelBytes = labelBytes;
            this.offset = offset;
            this.classes = classes;
        }
    }

    private CifarBinaryReader() {}

    /**
     * Reads and concatenates record files.
     *
     * @throws IOException naming the file when it is missing, not a whole number of records, or
     *     holds a label out of range
     */
    public static RawImages read(List<Path> files, Labels labels) throws IOException {
        int recordSize = labels.labelBytes + PIXELS;
        byte[][] contents = new byte[files.size()][];
        int total = 0;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            try {
                contents[f] = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new IOException(file + ": file not found", e);
            }
            if (contents[f].length == 0 || contents[f].length % recordSize != 0) {
                throw new IOException(
                        file
                                + ": "
                                + contents[f].length
                                + " bytes is not a whole number of "
                                + recordSize
                                + "-byte CIFAR records (truncated or not "
                                + labels
                                + ")");
            }
            total += contents[f].length / recordSize;
        }
        byte[] pixels = new byte[total * PIXELS];
        int[] y = new int[total];
        int n = 0;
        for (int f = 0; f < files.size(); f++) {
            byte[] data = contents[f];
            for (int r = 0; r < data.length / recordSize; r++, n++) {
                int base = r * recordSize;
                y[n] = data[base + labels.offset] & 0xFF;
                if (y[n] >= labels.classes) {
                    throw new IOException(
                            files.get(f)
                                    + ": label "
                                    + y[n]
                                    + " of record "
                                    + r
                                    + " is outside 0.."
                                    + (labels.classes - 1));
                }
                System.arraycopy(data, base + labels.labelBytes, pixels, n * PIXELS, PIXELS);
            }
        }
        return new RawImages(pixels, y, 3, 32, 32, labels.classes);
    }
}
