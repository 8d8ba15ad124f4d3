package org.infopro.segmentation.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.infopro.core.data.OpenCv;
import org.opencv.core.Mat;

/**
 * Decoding of images (OpenCV, as mmsegmentation's {@code cv2} backend) and label masks. Masks are
 * read as raw sample values, as mmsegmentation's {@code pillow} backend reads them (OpenCV would
 * expand a palette into colours): for a palette PNG (VOC's {@code SegmentationClass}) that is the
 * palette index, which is the class; for a grey PNG (Cityscapes {@code *_labelIds.png}, SBD-aug,
 * ADE20K) the grey value.
 */
final class Images {

    private Images() {}

    /**
     * Decodes an image with OpenCV as interleaved RGB bytes; {@code size[0..1]} receive height and
     * width.
     */
    static byte[] readRgb(Path file, int[] size) throws IOException {
        Mat rgb = OpenCv.readRgb(file);
        size[0] = rgb.rows();
        size[1] = rgb.cols();
        return OpenCv.bytesOf(rgb);
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

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": file not found");
        }
    }

    private static BufferedImage read(Path file) throws IOException {
        requireFile(file);
        OpenCv.requireComplete(file);
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null || image.getWidth() == 0 || image.getHeight() == 0) {
            throw new IOException(file + ": not a readable image (unknown or corrupt format)");
        }
        return image;
    }
}
