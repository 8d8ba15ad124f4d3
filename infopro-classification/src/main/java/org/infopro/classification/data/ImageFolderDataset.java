package org.infopro.classification.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.OpenCv;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.nn.FeatureShape;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * An ImageNet-style split ({@link ImageFolders}) with torchvision's ImageNet pipeline: in training
 * {@code RandomResizedCrop(size)} (scale 0.08–1, ratio 3/4–4/3, ten tries, then a centre crop) and
 * a horizontal flip; in evaluation the shorter side resized to size·256/224 and a centre crop;
 * ImageNet normalisation. Images are decoded with OpenCV.
 */
public final class ImageFolderDataset implements LabeledData {

    private final List<ImageFolders.Sample> samples;
    private final int classes;
    private final int size;

    /**
     * @param samples the listed images
     * @param classes number of classes
     * @param size the square input side (224 as published)
     */
    public ImageFolderDataset(List<ImageFolders.Sample> samples, int classes, int size) {
        this.samples = List.copyOf(samples);
        this.classes = classes;
        this.size = size;
    }

    @Override
    public int sampleCount() {
        return samples.size();
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public FeatureShape sampleShape() {
        return new FeatureShape(3, size, size);
    }

    @Override
    public Normalization normalization() {
        return Normalization.IMAGENET;
    }

    @Override
    public TrainingBatch load(NDManager manager, int[] indices, Pass pass, long seed) {
        int plane = size * size;
        float[] data = new float[indices.length * 3 * plane];
        long[] labels = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            ImageFolders.Sample sample = samples.get(indices[i]);
            Mat rgb;
            try {
                rgb = OpenCv.readRgb(sample.file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Mat prepared =
                    pass == Pass.TRAINING
                            ? randomResizedCrop(
                                    rgb, new SplittableRandom(seed * 1_000_003L + indices[i]))
                            : centreCrop(rgb);
            byte[] pixels = OpenCv.bytesOf(prepared);
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    data[(i * 3 + c) * plane + p] =
                            Normalization.IMAGENET.apply((pixels[3 * p + c] & 0xFF) / 255f, c);
                }
            }
            labels[i] = sample.label();
        }
        return new TrainingBatch(
                manager.create(data, sampleShape().batched(indices.length)),
                new NDList(manager.create(labels)),
                Normalization.IMAGENET);
    }

    /** torchvision's {@code RandomResizedCrop} then a random flip; releases the input. */
    private Mat randomResizedCrop(Mat image, SplittableRandom random) {
        int h = image.rows();
        int w = image.cols();
        Rect crop = null;
        double area = (double) h * w;
        for (int attempt = 0; attempt < 10 && crop == null; attempt++) {
            double target = area * random.nextDouble(0.08, 1.0);
            double ratio = Math.exp(random.nextDouble(Math.log(3.0 / 4), Math.log(4.0 / 3)));
            int cw = (int) Math.round(Math.sqrt(target * ratio));
            int ch = (int) Math.round(Math.sqrt(target / ratio));
            if (cw > 0 && cw <= w && ch > 0 && ch <= h) {
                crop = new Rect(random.nextInt(w - cw + 1), random.nextInt(h - ch + 1), cw, ch);
            }
        }
        if (crop == null) {
            crop = fallbackCrop(h, w);
        }
        Mat out = resize(new Mat(image, crop), size, size);
        image.release();
        if (random.nextBoolean()) {
            Mat flipped = new Mat();
            Core.flip(out, flipped, 1);
            out.release();
            out = flipped;
        }
        return out;
    }

    /** The centre crop of the whole image clamped to ratios 3/4–4/3, as torchvision falls back. */
    private static Rect fallbackCrop(int h, int w) {
        double ratio = (double) w / h;
        int cw = w;
        int ch = h;
        if (ratio < 3.0 / 4) {
            ch = (int) Math.round(w / (3.0 / 4));
        } else if (ratio > 4.0 / 3) {
            cw = (int) Math.round(h * (4.0 / 3));
        }
        ch = Math.min(ch, h);
        cw = Math.min(cw, w);
        return new Rect((w - cw) / 2, (h - ch) / 2, cw, ch);
    }

    /** Shorter side to size·256/224, then the centre size × size; releases the input. */
    private Mat centreCrop(Mat image) {
        int shorter = (int) Math.round(size * 256.0 / 224);
        int h = image.rows();
        int w = image.cols();
        int rh = h <= w ? shorter : (int) (shorter * (double) h / w);
        int rw = h <= w ? (int) (shorter * (double) w / h) : shorter;
        Mat resized = resize(image, rh, rw);
        image.release();
        Rect centre = new Rect((rw - size) / 2, (rh - size) / 2, size, size);
        Mat out = new Mat(resized, centre).clone();
        resized.release();
        return out;
    }

    private static Mat resize(Mat image, int height, int width) {
        Mat out = new Mat();
        Imgproc.resize(image, out, new Size(width, height), 0, 0, Imgproc.INTER_LINEAR);
        return out;
    }
}
