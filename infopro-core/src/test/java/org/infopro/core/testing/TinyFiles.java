package org.infopro.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writers of tiny files in real published formats, for reader and end-to-end tests. */
public final class TinyFiles {

    private TinyFiles() {}

    /**
     * Writes an IDX image file ({@code 0x00000803}, count, rows, cols, pixels) and an IDX label
     * file ({@code 0x00000801}, count, labels).
     */
    public static void writeIdx(
            Path images, Path labels, byte[] pixels, byte[] y, int rows, int cols, boolean gzip)
            throws IOException {
        ByteArrayOutputStream imageBytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(imageBytes);
        out.writeInt(0x00000803);
        out.writeInt(y.length);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(pixels);
        write(images, imageBytes.toByteArray(), gzip);
        ByteArrayOutputStream labelBytes = new ByteArrayOutputStream();
        out = new DataOutputStream(labelBytes);
        out.writeInt(0x00000801);
        out.writeInt(y.length);
        out.write(y);
        write(labels, labelBytes.toByteArray(), gzip);
    }

    /** Writes CIFAR binary records: label byte(s) then 3072 pixel bytes per record. */
    public static void writeCifar(Path file, byte[][] labelBytes, byte[] pixels)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int r = 0; r < labelBytes.length; r++) {
            bytes.write(labelBytes[r]);
            bytes.write(pixels, r * 3072, 3072);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes.toByteArray());
    }

    private static void write(Path file, byte[] data, boolean gzip) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(data);
        }
    }
}
