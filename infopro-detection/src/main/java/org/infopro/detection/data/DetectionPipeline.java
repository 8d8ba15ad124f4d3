package org.infopro.detection.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * mmdetection's detection pipeline: resize keeping the aspect ratio so the image fits {@code long ×
 * short} (1333 × 800 as published), horizontal flip with probability 0.5 in training, ImageNet
 * normalisation; padding to a stride of 32 happens when a batch is assembled.
 *
 * @param longEdge the longer side's limit
 * @param shortEdge the shorter side's limit
 */
public record DetectionPipeline(int longEdge, int shortEdge) {

    /** The published training and test scale. */
    public static final DetectionPipeline COCO = new DetectionPipeline(1333, 800);

    /** How an image is prepared. */
    public enum Mode {
        /** Random flip; masks at the input's size. */
        TRAINING,
        /** No flip; masks kept at the original size for the evaluation. */
        EVALUATION
    }

    /** The scale factor taking an image of {@code height × width} to this pipeline's size. */
    public double scaleFactor(int height, int width) {
        return Math.min(
                (double) longEdge / Math.max(height, width),
                (double) shortEdge / Math.min(height, width));
    }

    /**
     * Reads one image and prepares it and its objects (crowd regions included, flagged).
     *
     * @throws IOException naming the image file when it is missing, unreadable or not the size its
     *     annotation says
     */
    DetectionSample prepare(Path folder, CocoImage image, Mode mode, SplittableRandom random)
            throws IOException {
        Path file = folder.resolve(image.fileName());
        Mat rgb = OpenCv.readRgb(file);
        if (rgb.rows() != image.height() || rgb.cols() != image.width()) {
            int rows = rgb.rows();
            int cols = rgb.cols();
            rgb.release();
            throw new IOException(
                    file
                            + ": image is "
                            + cols
                            + "x"
                            + rows
                            + " but its annotation (image id "
                            + image.id()
                            + ") says "
                            + image.width()
                            + "x"
                            + image.height());
        }
        double factor = scaleFactor(image.height(), image.width());
        int height = (int) Math.round(image.height() * factor);
        int width = (int) Math.round(image.width() * factor);
        boolean flip = mode == Mode.TRAINING && random.nextBoolean();
        Mat resized = transform(rgb, height, width, Imgproc.INTER_LINEAR, flip);
        float[] pixels = normalise(OpenCv.bytesOf(resized), height, width);
        List<CocoObject> objects = image.objects();
        int g = objects.size();
        float[][] boxes = new float[g][];
        int[] classes = new int[g];
        boolean[] crowd = new boolean[g];
        float[] areas = new float[g];
        byte[][] masks = new byte[g][];
        double sx = (double) width / image.width();
        double sy = (double) height / image.height();
        for (int i = 0; i < g; i++) {
            CocoObject object = objects.get(i);
            double[] b = object.box();
            float x1 = (float) (b[0] * sx);
            float x2 = (float) ((b[0] + b[2]) * sx);
            boxes[i] =
                    flip
                            ? new float[] {
                                width - x2,
                                (float) (b[1] * sy),
                                width - x1,
                                (float) ((b[1] + b[3]) * sy)
                            }
                            : new float[] {
                                x1, (float) (b[1] * sy), x2, (float) ((b[1] + b[3]) * sy)
                            };
            classes[i] = object.label();
            crowd[i] = object.crowd();
            areas[i] = (float) object.area();
            byte[] mask = object.mask(image.height(), image.width()).toMask();
            masks[i] =
                    mode == Mode.TRAINING
                            ? OpenCv.bytesOf(
                                    transform(
                                            OpenCv.mat(mask, image.height(), image.width(), 1),
                                            height,
                                            width,
                                            Imgproc.INTER_NEAREST,
                                            flip))
                            : mask;
        }
        boolean training = mode == Mode.TRAINING;
        return new DetectionSample(
                image.id(),
                pixels,
                height,
                width,
                image.height(),
                image.width(),
                boxes,
                classes,
                crowd,
                areas,
                masks,
                training ? height : image.height(),
                training ? width : image.width());
    }

    /** Resizes (when the size changes) and optionally flips; releases the input. */
    private static Mat transform(
            Mat image, int height, int width, int interpolation, boolean flip) {
        Mat out = image;
        if (image.rows() != height || image.cols() != width) {
            out = new Mat();
            Imgproc.resize(image, out, new Size(width, height), 0, 0, interpolation);
            image.release();
        }
        if (flip) {
            Mat flipped = new Mat();
            Core.flip(out, flipped, 1);
            out.release();
            out = flipped;
        }
        return out;
    }

    private static float[] normalise(byte[] rgb, int height, int width) {
        Normalization norm = Normalization.IMAGENET;
        int plane = height * width;
        float[] pixels = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                pixels[c * plane + p] = norm.apply((rgb[3 * p + c] & 0xFF) / 255f, c);
            }
        }
        return pixels;
    }
}
