package org.infopro.core.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writers of images in the formats datasets publish: palette PNG masks with the PASCAL VOC colour
 * map, grey PNG label-id masks, and RGB images (JPEG or PNG). Used by the generated benchmark sets
 * and by tests.
 */
public final class ImageFiles {

    private ImageFiles() {}

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
        write(file, image, "png");
    }

    /** Writes an 8-bit grey PNG whose pixel values are the given labels (label-id masks). */
    public static void writeGrey(Path file, int[] values, int height, int width)
            throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, width, height, values);
        write(file, image, "png");
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
        write(file, image, format);
    }

    private static void write(Path file, BufferedImage image, String format) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
    }
}
