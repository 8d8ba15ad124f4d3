package org.infopro.segmentation.data;

import java.util.SplittableRandom;

/**
 * mmsegmentation's training pipeline on decoded images: random rescale (ratio 0.5–2.0 of a base
 * scale, aspect kept), random crop with {@code cat_max_ratio} 0.75, horizontal flip (p 0.5) and
 * photometric distortion; padding to the crop size (label 255) comes after. Bilinear resampling for
 * the image, nearest for the labels.
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
                photometric(flipped.rgb(), random),
                flipped.labels(),
                flipped.height(),
                flipped.width());
    }

    /** Bilinear (half-pixel centres) for the image, nearest for the labels. */
    static LabelMap resize(LabelMap in, int h, int w) {
        byte[] rgb = new byte[h * w * 3];
        int[] labels = new int[h * w];
        double sy = (double) in.height() / h;
        double sx = (double) in.width() / w;
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, in.height() - 1);
            int y1 = Math.min(y0 + 1, in.height() - 1);
            double dy = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, in.width() - 1);
                int x1 = Math.min(x0 + 1, in.width() - 1);
                double dx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    double v =
                            (1 - dy) * ((1 - dx) * px(in, y0, x0, c) + dx * px(in, y0, x1, c))
                                    + dy * ((1 - dx) * px(in, y1, x0, c) + dx * px(in, y1, x1, c));
                    rgb[(y * w + x) * 3 + c] = (byte) Math.round(v);
                }
                int ny = Math.min((int) (y * sy), in.height() - 1);
                int nx = Math.min((int) (x * sx), in.width() - 1);
                labels[y * w + x] = in.labels()[ny * in.width() + nx];
            }
        }
        return new LabelMap(rgb, labels, h, w);
    }

    private static int px(LabelMap m, int y, int x, int c) {
        return m.rgb()[(y * m.width() + x) * 3 + c] & 0xFF;
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
     * mmseg's PhotoMetricDistortion: brightness ±32; contrast ×[0.5, 1.5] before or after;
     * saturation ×[0.5, 1.5]; hue ±18 (OpenCV units, i.e. ±36°); each with probability 0.5.
     */
    static byte[] photometric(byte[] rgb, SplittableRandom random) {
        double[] v = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            v[i] = rgb[i] & 0xFF;
        }
        if (random.nextBoolean()) {
            double delta = random.nextDouble(-32, 32);
            affine(v, 1, delta);
        }
        boolean contrastFirst = random.nextBoolean();
        if (contrastFirst && random.nextBoolean()) {
            affine(v, random.nextDouble(0.5, 1.5), 0);
        }
        double saturation = random.nextBoolean() ? random.nextDouble(0.5, 1.5) : 1;
        double hue = random.nextBoolean() ? random.nextDouble(-36, 36) : 0;
        if (saturation != 1 || hue != 0) {
            hsv(v, saturation, hue);
        }
        if (!contrastFirst && random.nextBoolean()) {
            affine(v, random.nextDouble(0.5, 1.5), 0);
        }
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(v[i])));
        }
        return out;
    }

    private static void affine(double[] v, double alpha, double beta) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, Math.min(255, v[i] * alpha + beta));
        }
    }

    /** Scales saturation and rotates hue (degrees) of every pixel through HSV. */
    private static void hsv(double[] v, double saturation, double hueShift) {
        float[] hsb = new float[3];
        for (int p = 0; p < v.length; p += 3) {
            java.awt.Color.RGBtoHSB((int) v[p], (int) v[p + 1], (int) v[p + 2], hsb);
            float h = (float) ((hsb[0] + hueShift / 360 + 1) % 1);
            float s = (float) Math.min(1, hsb[1] * saturation);
            int rgb = java.awt.Color.HSBtoRGB(h, s, hsb[2]);
            v[p] = (rgb >> 16) & 0xFF;
            v[p + 1] = (rgb >> 8) & 0xFF;
            v[p + 2] = rgb & 0xFF;
        }
    }
}
