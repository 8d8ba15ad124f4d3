package org.infopro.core.testing;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

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

    /**
     * Writes an 8-bit palette PNG whose pixel values are the given indices, with the PASCAL VOC
     * colour map (as VOC's {@code SegmentationClass} masks are stored).
     */
    public static void writePalettePng(Path file, int[] indices, int height, int width)
            throws IOException {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int bit = 7; bit >= 0; bit--, c >>= 3) {
                r[i] |= (byte) (((c) & 1) << bit);
                g[i] |= (byte) (((c >> 1) & 1) << bit);
                b[i] |= (byte) (((c >> 2) & 1) << bit);
            }
        }
        BufferedImage image =
                new BufferedImage(
                        width,
                        height,
                        BufferedImage.TYPE_BYTE_INDEXED,
                        new IndexColorModel(8, 256, r, g, b));
        image.getRaster().setPixels(0, 0, width, height, indices);
        writeImage(file, image, "png");
    }

    /** Writes an 8-bit grey PNG whose pixel values are the given labels (label-id masks). */
    public static void writeGrey(Path file, int[] values, int height, int width)
            throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, width, height, values);
        writeImage(file, image, "png");
    }

    /** Writes an RGB image (interleaved bytes) as JPEG or PNG ({@code format}). */
    public static void writeRgb(Path file, byte[] rgb, int height, int width, String format)
            throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                image.setRGB(
                        x,
                        y,
                        ((rgb[o] & 0xFF) << 16) | ((rgb[o + 1] & 0xFF) << 8) | (rgb[o + 2] & 0xFF));
            }
        }
        writeImage(file, image, format);
    }

    private static void writeImage(Path file, BufferedImage image, String format)
            throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
    }

    private static void write(Path file, byte[] data, boolean gzip) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(data);
        }
    }
}
