package org.infopro.segmentation.data;

import java.util.SplittableRandom;
import org.infopro.core.data.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * mmsegmentation's training pipeline on decoded images: random rescale (ratio 0.5–2.0 of a base
 * scale, aspect kept), random crop with {@code cat_max_ratio} 0.75, horizontal flip (p 0.5) and
 * photometric distortion; padding to the crop size (label 255) comes after. Resampling and colour
 * conversions are OpenCV's, as mmsegmentation's: bilinear for the image, nearest for the labels.
 *
 * @param cropHeight crop rows
 * @param cropWidth crop columns
 * @param scaleLong long side of the base scale (e.g. 2048 for Cityscapes)
 * @param scaleShort short side of the base scale (e.g. 1024)
 * @param minRatio smallest rescale ratio
 * @param maxRatio largest rescale ratio
 * @param catMaxRatio largest share one class may take of a crop (ignored pixels excluded)
 */
public record SegmentationAugmentation(
        int cropHeight,
        int cropWidth,
        int scaleLong,
        int scaleShort,
        double minRatio,
        double maxRatio,
        double catMaxRatio) {

    private static final int CROP_TRIES = 10;

    /** The standard ratios (0.5–2.0) and cat_max_ratio (0.75) for a crop and base scale. */
    public static SegmentationAugmentation standard(
            int cropHeight, int cropWidth, int scaleLong, int scaleShort) {
        return new SegmentationAugmentation(
                cropHeight, cropWidth, scaleLong, scaleShort, 0.5, 2.0, 0.75);
    }

    /** Applies the pipeline (before normalisation and padding). */
    public LabelMap apply(LabelMap in, SplittableRandom random) {
        double ratio = random.nextDouble(minRatio, maxRatio);
        double factor =
                ratio
                        * Math.min(
                                (double) scaleLong / Math.max(in.height(), in.width()),
                                (double) scaleShort / Math.min(in.height(), in.width()));
        int h = Math.max(1, (int) Math.round(in.height() * factor));
        int w = Math.max(1, (int) Math.round(in.width() * factor));
        LabelMap scaled = resize(in, h, w);
        LabelMap cropped = crop(scaled, random);
        LabelMap flipped = random.nextBoolean() ? flip(cropped) : cropped;
        return new LabelMap(
                photometric(flipped.rgb(), flipped.height(), flipped.width(), random),
                flipped.labels(),
                flipped.height(),
                flipped.width());
    }

    /** OpenCV's bilinear resampling for the image and nearest for the labels, as mmseg's. */
    static LabelMap resize(LabelMap in, int h, int w) {
        Size size = new Size(w, h);
        Mat image = OpenCv.mat(in.rgb(), in.height(), in.width(), 3);
        Mat scaledImage = new Mat();
        Imgproc.resize(image, scaledImage, size, 0, 0, Imgproc.INTER_LINEAR);
        image.release();
        Mat labels = OpenCv.mat(in.labels(), in.height(), in.width());
        Mat scaledLabels = new Mat();
        Imgproc.resize(labels, scaledLabels, size, 0, 0, Imgproc.INTER_NEAREST);
        labels.release();
        return new LabelMap(OpenCv.bytesOf(scaledImage), OpenCv.intsOf(scaledLabels), h, w);
    }

    /** A random crop; retried while one class takes more than {@code catMaxRatio} of it. */
    LabelMap crop(LabelMap in, SplittableRandom random) {
        int h = Math.min(cropHeight, in.height());
        int w = Math.min(cropWidth, in.width());
        int top = 0;
        int left = 0;
        for (int attempt = 0; attempt < CROP_TRIES; attempt++) {
            top = random.nextInt(in.height() - h + 1);
            left = random.nextInt(in.width() - w + 1);
            if (catMaxRatio >= 1 || balanced(in, top, left, h, w)) {
                break;
            }
        }
        byte[] rgb = new byte[h * w * 3];
        int[] labels = new int[h * w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(in.rgb(), ((top + y) * in.width() + left) * 3, rgb, y * w * 3, w * 3);
            System.arraycopy(in.labels(), (top + y) * in.width() + left, labels, y * w, w);
        }
        return new LabelMap(rgb, labels, h, w);
    }

    /** mmseg's test: more than one class present and none above the ratio. */
    private boolean balanced(LabelMap in, int top, int left, int h, int w) {
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        int total = 0;
        for (int y = top; y < top + h; y++) {
            for (int x = left; x < left + w; x++) {
                int label = in.labels()[y * in.width() + x];
                if (label != SegmentationSet.IGNORE) {
                    counts.merge(label, 1, Integer::sum);
                    total++;
                }
            }
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return counts.size() > 1 && max < catMaxRatio * total;
    }

    static LabelMap flip(LabelMap in) {
        byte[] rgb = new byte[in.rgb().length];
        int[] labels = new int[in.labels().length];
        int w = in.width();
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < w; x++) {
                int from = y * w + x;
                int to = y * w + (w - 1 - x);
                labels[to] = in.labels()[from];
                System.arraycopy(in.rgb(), from * 3, rgb, to * 3, 3);
            }
        }
        return new LabelMap(rgb, labels, in.height(), w);
    }

    /**
     * mmseg's PhotoMetricDistortion on 8-bit pixels: brightness ±32; contrast ×[0.5, 1.5] before or
     * after; in OpenCV's 8-bit HSV, saturation ×[0.5, 1.5] and hue ±18 (of 180); each with
     * probability 0.5.
     */
    static byte[] photometric(byte[] rgb, int h, int w, SplittableRandom random) {
        Mat image = OpenCv.mat(rgb, h, w, 3);
        if (random.nextBoolean()) {
            image.convertTo(image, -1, 1, random.nextDouble(-32, 32));
        }
        boolean contrastFirst = random.nextBoolean();
        if (contrastFirst && random.nextBoolean()) {
            image.convertTo(image, -1, random.nextDouble(0.5, 1.5), 0);
        }
        double saturation = random.nextBoolean() ? random.nextDouble(0.5, 1.5) : 1;
        int hue = random.nextBoolean() ? random.nextInt(-18, 19) : 0;
        if (saturation != 1 || hue != 0) {
            shiftHsv(image, saturation, hue);
        }
        if (!contrastFirst && random.nextBoolean()) {
            image.convertTo(image, -1, random.nextDouble(0.5, 1.5), 0);
        }
        return OpenCv.bytesOf(image);
    }

    /** Scales saturation (saturating at 255) and rotates hue (modulo 180) in 8-bit HSV. */
    private static void shiftHsv(Mat image, double saturation, int hue) {
        Imgproc.cvtColor(image, image, Imgproc.COLOR_RGB2HSV);
        byte[] hsv = new byte[(int) (image.total() * 3)];
        image.get(0, 0, hsv);
        for (int p = 0; p < hsv.length; p += 3) {
            hsv[p] = (byte) Math.floorMod((hsv[p] & 0xFF) + hue, 180);
            hsv[p + 1] = (byte) Math.min(255, Math.round((hsv[p + 1] & 0xFF) * saturation));
        }
        image.put(0, 0, hsv);
        Imgproc.cvtColor(image, image, Imgproc.COLOR_HSV2RGB);
    }
}
