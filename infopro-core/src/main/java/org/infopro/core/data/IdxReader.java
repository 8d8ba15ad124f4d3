package org.infopro.core.data;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST ({@code *-images-idx3-ubyte}, {@code
 * *-labels-idx1-ubyte}), gzip-compressed or plain (detected from the first bytes).
 */
public final class IdxReader {

    /** Magic number of an unsigned-byte 3-D (images) file. */
    public static final int IMAGES_MAGIC = 0x00000803;

    /** Magic number of an unsigned-byte 1-D (labels) file. */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /**
     * Reads an image file and its label file.
     *
     * @param classes labels must lie in 0..classes-1
     * @throws IOException naming the file when it is missing, truncated, has a wrong magic number,
     *     disagrees with the other file in count, or holds a label out of range
     */
    public static RawImages read(Path images, Path labels, int classes) throws IOException {
        byte[] pixels;
        int count;
        int rows;
        int columns;
        try (DataInputStream in = open(images)) {
            checkMagic(images, in.readInt(), IMAGES_MAGIC, "images (idx3-ubyte)");
            count = in.readInt();
            rows = in.readInt();
            columns = in.readInt();
            pixels = readFully(images, in, (long) count * rows * columns, "pixel bytes");
        } catch (EOFException e) {
            throw new IOException(images + ": truncated IDX header", e);
        }
        byte[] labelBytes;
        try (DataInputStream in = open(labels)) {
            checkMagic(labels, in.readInt(), LABELS_MAGIC, "labels (idx1-ubyte)");
            int labelCount = in.readInt();
            if (labelCount != count) {
                throw new IOException(
                        labels
                                + ": "
                                + labelCount
                                + " labels for the "
                                + count
                                + " images of "
                                + images);
            }
            labelBytes = readFully(labels, in, count, "labels");
        } catch (EOFException e) {
            throw new IOException(labels + ": truncated IDX header", e);
        }
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = labelBytes[i] & 0xFF;
            if (y[i] >= classes) {
                throw new IOException(
                        labels
                                + ": label "
                                + y[i]
                                + " of sample "
                                + i
                                + " is outside 0.."
                                + (classes - 1));
            }
        }
        return new RawImages(pixels, y, 1, rows, columns, classes);
    }

    private static void checkMagic(Path file, int magic, int expected, String kind)
            throws IOException {
        if (magic != expected) {
            throw new IOException(
                    String.format(
                            "%s: bad magic number 0x%08X, expected 0x%08X for IDX %s",
                            file, magic, expected, kind));
        }
    }

    private static byte[] readFully(Path file, DataInputStream in, long length, String what)
            throws IOException {
        if (length > Integer.MAX_VALUE || length < 0) {
            throw new IOException(
                    file + ": header announces " + length + " " + what + ", too many");
        }
        byte[] data = new byte[(int) length];
        int read = in.readNBytes(data, 0, data.length);
        if (read != data.length) {
            throw new IOException(
                    file + ": truncated, expected " + length + " " + what + " but found " + read);
        }
        return data;
    }

    /**
     * The file's bytes, gunzipped where it is gzip: read to its end, so that a gzip whose CRC or
     * length does not match fails here, naming the file, instead of yielding damaged pixels.
     */
    private static DataInputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, expected an IDX file");
        }
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": file not found", e);
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read (" + e + ")", e);
        }
        boolean gzip = raw.length >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b;
        byte[] content = raw;
        if (gzip) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                content = in.readAllBytes();
            } catch (IOException e) {
                throw new IOException(
                        file
                                + ": damaged gzip data ("
                                + (e.getMessage() == null
                                        ? e.getClass().getSimpleName()
                                        : e.getMessage())
                                + "); the download or copy is probably incomplete",
                        e);
            }
        }
        return new DataInputStream(new ByteArrayInputStream(content));
    }
}
