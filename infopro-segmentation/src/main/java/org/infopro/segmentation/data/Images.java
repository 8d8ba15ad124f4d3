package org.infopro.segmentation.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Decoding of images and label masks. Masks are read as raw sample values: for a palette PNG (VOC's
 * {@code SegmentationClass}) that is the palette index, which is the class; for a grey PNG
 * (Cityscapes {@code *_labelIds.png}, SBD-aug, ADE20K) the grey value.
 */
final class Images {

    private Images() {}

    /** Reads an image as interleaved RGB bytes; {@code size[0..1]} receive height and width. */
    static byte[] readRgb(Path file, int[] size) throws IOException {
        BufferedImage image = read(file);
        int h = image.getHeight();
        int w = image.getWidth();
        byte[] rgb = new byte[h * w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                int o = (y * w + x) * 3;
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        size[0] = h;
        size[1] = w;
        return rgb;
    }

    /**
     * Reads a single-channel mask (palette indices or grey values).
     *
     * @throws IOException naming the file when it is not a one-band image
     */
    static int[] readMask(Path file, int[] size) throws IOException {
        BufferedImage image = read(file);
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 1) {
            throw new IOException(
                    file
                            + ": a label mask needs one band (palette or grey), found "
                            + raster.getNumBands()
                            + (image.getColorModel() instanceof IndexColorModel
                                    ? ""
                                    : " colour bands"));
        }
        size[0] = image.getHeight();
        size[1] = image.getWidth();
        return raster.getSamples(0, 0, size[1], size[0], 0, (int[]) null);
    }

    private static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": file not found");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + ": not a readable image (unknown or corrupt format)");
        }
        return image;
    }
}
