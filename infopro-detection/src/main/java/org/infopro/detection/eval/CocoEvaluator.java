package org.infopro.detection.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * COCO's detection evaluation (the {@code COCOeval} protocol) for boxes or masks.
 *
 * <p>Per image and category, detections are taken by descending score (at most 100) and matched
 * greedily to the ground truth at each IoU threshold 0.50:0.05:0.95; crowd regions and objects
 * outside the area range are ignored, and a detection matched to one is neither a true nor a false
 * positive. Precision is made monotone and read at 101 recall points; AP averages it over
 * thresholds and categories that have ground truth, AR averages the final recall.
 */
public final class CocoEvaluator {

    /** What is compared. */
    public enum IouType {
        /** Boxes {x, y, w, h}. */
        BBOX,
        /** Masks, by their RLE. */
        SEGM
    }

    /** One ground-truth object. Area is the annotation's (the mask's), as COCO uses it. */
    public record GroundTruth(
            long imageId, int category, double[] box, Rle mask, double area, boolean crowd) {}

    /** One detection; for masks the area is the mask's, for boxes w × h. */
    public record Detection(long imageId, int category, double[] box, Rle mask, double score) {}

    static final double[] IOU_THRESHOLDS = thresholds();
    static final int RECALL_POINTS = 101;
    static final int[] MAX_DETECTIONS = {1, 10, 100};
    private static final double[][] AREA_RANGES = {
        {0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}
    };

    private final IouType type;
    private final Set<Long> images = new LinkedHashSet<>();
    private final Set<Integer> categories = new LinkedHashSet<>();
    private final Map<Key, List<GroundTruth>> truths = new HashMap<>();
    private final Map<Key, List<Detection>> detections = new HashMap<>();

    /**
     * @param type boxes or masks
     * @param imageIds every evaluated image, including those without objects
     * @param categoryIds every category of the dataset
     */
    public CocoEvaluator(IouType type, Iterable<Long> imageIds, Iterable<Integer> categoryIds) {
        this.type = type;
        imageIds.forEach(images::add);
        categoryIds.forEach(categories::add);
    }

    /** Adds a ground-truth object. */
    public void add(GroundTruth truth) {
        checkKnown(truth.imageId(), truth.category());
        truths.computeIfAbsent(new Key(truth.imageId(), truth.category()), k -> new ArrayList<>())
                .add(truth);
    }

    /** Adds a detection. */
    public void add(Detection detection) {
        checkKnown(detection.imageId(), detection.category());
        if (type == IouType.SEGM && detection.mask() == null) {
            throw new IllegalArgumentException("mask evaluation needs a mask on every detection");
        }
        detections
                .computeIfAbsent(
                        new Key(detection.imageId(), detection.category()), k -> new ArrayList<>())
                .add(detection);
    }

    private void checkKnown(long image, int category) {
        if (!images.contains(image)) {
            throw new IllegalArgumentException("image id " + image + " is not evaluated");
        }
        if (!categories.contains(category)) {
            throw new IllegalArgumentException("unknown category id " + category);
        }
    }

    /**
     * Runs the evaluation.
     *
     * @return the twelve COCO statistics by name ({@code AP}, {@code AP50}, {@code AP75}, {@code
     *     APs}, {@code APm}, {@code APl}, {@code AR1}, {@code AR10}, {@code AR100}, {@code ARs},
     *     {@code ARm}, {@code ARl}) as fractions, -1 where undefined
     */
    public Map<String, Double> evaluate() {
        int t = IOU_THRESHOLDS.length;
        int k = categories.size();
        double[][][][][] precision = new double[t][RECALL_POINTS][k][AREA_RANGES.length][3];
        double[][][][] recall = new double[t][k][AREA_RANGES.length][3];
        fill(precision, recall);
        int c = 0;
        for (int category : categories) {
            for (int a = 0; a < AREA_RANGES.length; a++) {
                List<ImageResult> results = new ArrayList<>();
                for (long image : images) {
                    ImageResult result = evaluateImage(image, category, AREA_RANGES[a]);
                    if (result != null) {
                        results.add(result);
                    }
                }
                for (int m = 0; m < MAX_DETECTIONS.length; m++) {
                    accumulate(results, MAX_DETECTIONS[m], precision, recall, c, a, m);
                }
            }
            c++;
        }
        return summarize(precision, recall);
    }

    /** Matches of one image and category at every IoU threshold, in one area range. */
    private record ImageResult(
            double[] scores, boolean[][] matched, boolean[][] ignored, int countedTruths) {}

    private ImageResult evaluateImage(long image, int category, double[] range) {
        Key key = new Key(image, category);
        List<GroundTruth> gts = truths.getOrDefault(key, List.of());
        List<Detection> dts = new ArrayList<>(detections.getOrDefault(key, List.of()));
        if (gts.isEmpty() && dts.isEmpty()) {
            return null;
        }
        // Stable sorts, as COCO's mergesort: ignored ground truth last, detections by score.
        List<GroundTruth> gt = new ArrayList<>(gts);
        gt.sort(Comparator.comparing(g -> ignored(g, range)));
        dts.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> dt = dts.subList(0, Math.min(dts.size(), maxDetections()));
        boolean[] gtIgnore = new boolean[gt.size()];
        int counted = 0;
        for (int g = 0; g < gt.size(); g++) {
            gtIgnore[g] = ignored(gt.get(g), range);
            counted += gtIgnore[g] ? 0 : 1;
        }
        double[][] ious = ious(dt, gt);
        int t = IOU_THRESHOLDS.length;
        boolean[][] dtMatched = new boolean[t][dt.size()];
        boolean[][] dtIgnore = new boolean[t][dt.size()];
        for (int ti = 0; ti < t; ti++) {
            boolean[] gtMatched = new boolean[gt.size()];
            for (int d = 0; d < dt.size(); d++) {
                int match = bestMatch(ious[d], gt, gtMatched, gtIgnore, IOU_THRESHOLDS[ti]);
                if (match >= 0) {
                    dtIgnore[ti][d] = gtIgnore[match];
                    dtMatched[ti][d] = true;
                    gtMatched[match] = true;
                } else {
                    // An unmatched detection outside the area range is not counted either.
                    double area = area(dt.get(d));
                    dtIgnore[ti][d] = area < range[0] || area > range[1];
                }
            }
        }
        double[] scores = dt.stream().mapToDouble(Detection::score).toArray();
        return new ImageResult(scores, dtMatched, dtIgnore, counted);
    }

    /**
     * The ground truth a detection matches: the highest IoU of at least the threshold among
     * unmatched objects (crowds match any number of times), preferring counted objects to ignored
     * ones — ignored objects sort last, so once a counted match exists the search stops there.
     */
    private static int bestMatch(
            double[] ious,
            List<GroundTruth> gt,
            boolean[] gtMatched,
            boolean[] gtIgnore,
            double threshold) {
        double best = Math.min(threshold, 1 - 1e-10);
        int match = -1;
        for (int g = 0; g < gt.size(); g++) {
            if (gtMatched[g] && !gt.get(g).crowd()) {
                continue;
            }
            if (match > -1 && !gtIgnore[match] && gtIgnore[g]) {
                break;
            }
            if (ious[g] < best) {
                continue;
            }
            best = ious[g];
            match = g;
        }
        return match;
    }

    private static boolean ignored(GroundTruth truth, double[] range) {
        return truth.crowd() || truth.area() < range[0] || truth.area() > range[1];
    }

    private double area(Detection detection) {
        return type == IouType.SEGM
                ? detection.mask().area()
                : detection.box()[2] * detection.box()[3];
    }

    private double[][] ious(List<Detection> dt, List<GroundTruth> gt) {
        double[][] ious = new double[dt.size()][gt.size()];
        for (int d = 0; d < dt.size(); d++) {
            for (int g = 0; g < gt.size(); g++) {
                GroundTruth truth = gt.get(g);
                ious[d][g] =
                        type == IouType.SEGM
                                ? dt.get(d).mask().iou(truth.mask(), truth.crowd())
                                : boxIou(dt.get(d).box(), truth.box(), truth.crowd());
            }
        }
        return ious;
    }

    /** COCO's box IoU on {x, y, w, h}; over the detection's area for a crowd region. */
    public static double boxIou(double[] dt, double[] gt, boolean crowd) {
        double w = Math.min(dt[0] + dt[2], gt[0] + gt[2]) - Math.max(dt[0], gt[0]);
        double h = Math.min(dt[1] + dt[3], gt[1] + gt[3]) - Math.max(dt[1], gt[1]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double shared = w * h;
        double union = crowd ? dt[2] * dt[3] : dt[2] * dt[3] + gt[2] * gt[3] - shared;
        return union > 0 ? shared / union : 0;
    }

    private static int maxDetections() {
        return MAX_DETECTIONS[MAX_DETECTIONS.length - 1];
    }

    private static void accumulate(
            List<ImageResult> results,
            int maxDets,
            double[][][][][] precision,
            double[][][][] recall,
            int c,
            int a,
            int m) {
        int counted = results.stream().mapToInt(ImageResult::countedTruths).sum();
        if (counted == 0) {
            return;
        }
        // All images' first maxDets detections, by descending score (stable, in image order).
        List<int[]> order = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            for (int d = 0; d < Math.min(maxDets, results.get(i).scores().length); d++) {
                order.add(new int[] {i, d});
            }
        }
        order.sort(Comparator.comparingDouble(p -> -results.get(p[0]).scores()[p[1]]));
        for (int ti = 0; ti < IOU_THRESHOLDS.length; ti++) {
            int n = order.size();
            double[] rc = new double[n];
            double[] pr = new double[n];
            int kept = 0;
            double tp = 0;
            double fp = 0;
            for (int[] p : order) {
                ImageResult result = results.get(p[0]);
                if (result.ignored()[ti][p[1]]) {
                    continue; // neither a true nor a false positive
                }
                if (result.matched()[ti][p[1]]) {
                    tp++;
                } else {
                    fp++;
                }
                rc[kept] = tp / counted;
                pr[kept] = tp / (tp + fp + Math.ulp(1.0));
                kept++;
            }
            recall[ti][c][a][m] = kept > 0 ? rc[kept - 1] : 0;
            for (int i = kept - 1; i > 0; i--) {
                pr[i - 1] = Math.max(pr[i - 1], pr[i]);
            }
            int i = 0;
            for (int r = 0; r < RECALL_POINTS; r++) {
                double threshold = r / (double) (RECALL_POINTS - 1);
                while (i < kept && rc[i] < threshold) {
                    i++;
                }
                precision[ti][r][c][a][m] = i < kept ? pr[i] : 0;
            }
        }
    }

    private static Map<String, Double> summarize(
            double[][][][][] precision, double[][][][] recall) {
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("AP", meanPrecision(precision, -1, 0, 2));
        stats.put("AP50", meanPrecision(precision, 0, 0, 2));
        stats.put("AP75", meanPrecision(precision, 5, 0, 2));
        stats.put("APs", meanPrecision(precision, -1, 1, 2));
        stats.put("APm", meanPrecision(precision, -1, 2, 2));
        stats.put("APl", meanPrecision(precision, -1, 3, 2));
        stats.put("AR1", meanRecall(recall, 0, 0));
        stats.put("AR10", meanRecall(recall, 0, 1));
        stats.put("AR100", meanRecall(recall, 0, 2));
        stats.put("ARs", meanRecall(recall, 1, 2));
        stats.put("ARm", meanRecall(recall, 2, 2));
        stats.put("ARl", meanRecall(recall, 3, 2));
        return stats;
    }

    /** Mean of the defined precisions at one IoU threshold (index), or all with -1. */
    private static double meanPrecision(double[][][][][] precision, int threshold, int a, int m) {
        double sum = 0;
        int n = 0;
        for (int t = 0; t < precision.length; t++) {
            if (threshold >= 0 && t != threshold) {
                continue;
            }
            for (double[][][] byRecall : precision[t]) {
                for (double[][] byCategory : byRecall) {
                    double value = byCategory[a][m];
                    if (value > -1) {
                        sum += value;
                        n++;
                    }
                }
            }
        }
        return n > 0 ? sum / n : -1;
    }

    private static double meanRecall(double[][][][] recall, int a, int m) {
        double sum = 0;
        int n = 0;
        for (double[][][] byCategory : recall) {
            for (double[][] areas : byCategory) {
                if (areas[a][m] > -1) {
                    sum += areas[a][m];
                    n++;
                }
            }
        }
        return n > 0 ? sum / n : -1;
    }

    private static void fill(double[][][][][] precision, double[][][][] recall) {
        for (double[][][][] a : precision) {
            for (double[][][] b : a) {
                for (double[][] c : b) {
                    for (double[] d : c) {
                        java.util.Arrays.fill(d, -1);
                    }
                }
            }
        }
        for (double[][][] a : recall) {
            for (double[][] b : a) {
                for (double[] c : b) {
                    java.util.Arrays.fill(c, -1);
                }
            }
        }
    }

    private static double[] thresholds() {
        double[] values = new double[10];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.5 + 0.05 * i;
        }
        return values;
    }

    private record Key(long image, int category) {}
}
