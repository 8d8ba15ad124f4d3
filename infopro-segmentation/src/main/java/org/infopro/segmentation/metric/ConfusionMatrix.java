package org.infopro.segmentation.metric;

/**
 * A pixel confusion matrix, rows = ground-truth class, columns = predicted class. Pixels whose
 * label is the ignore value are not counted.
 */
public final class ConfusionMatrix {

    private final int classes;
    private final int ignore;
    private final long[] counts;

    /**
     * @param classes number of classes
     * @param ignore label value of unlabelled pixels (255)
     */
    public ConfusionMatrix(int classes, int ignore) {
        this.classes = classes;
        this.ignore = ignore;
        this.counts = new long[classes * classes];
    }

    /**
     * Adds pixels.
     *
     * @param labels ground-truth labels, {@code ignore} where unlabelled
     * @param predictions predicted classes, same length
     * @throws IllegalArgumentException when a label or prediction is outside the classes
     */
    public void add(long[] labels, long[] predictions) {
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException(
                    labels.length + " labels for " + predictions.length + " predictions");
        }
        for (int i = 0; i < labels.length; i++) {
            long truth = labels[i];
            if (truth == ignore) {
                continue;
            }
            long predicted = predictions[i];
            if (truth < 0 || truth >= classes || predicted < 0 || predicted >= classes) {
                throw new IllegalArgumentException(
                        "pixel "
                                + i
                                + ": label "
                                + truth
                                + " / prediction "
                                + predicted
                                + " outside 0.."
                                + (classes - 1));
            }
            counts[(int) truth * classes + (int) predicted]++;
        }
    }

    /** Pixels of class {@code truth} predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        return counts[truth * classes + predicted];
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /**
     * Intersection over union per class; NaN for a class absent from both the ground truth and the
     * predictions, which the mean then leaves out (as mmsegmentation's nanmean does).
     */
    public double[] iou() {
        double[] iou = new double[classes];
        for (int c = 0; c < classes; c++) {
            long intersection = count(c, c);
            long union = rowSum(c) + columnSum(c) - intersection;
            iou[c] = union == 0 ? Double.NaN : (double) intersection / union;
        }
        return iou;
    }

    /** Mean IoU over the classes present in ground truth or predictions. */
    public double meanIou() {
        double sum = 0;
        int present = 0;
        for (double v : iou()) {
            if (!Double.isNaN(v)) {
                sum += v;
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /** Correctly classified labelled pixels over all labelled pixels (mmseg's aAcc). */
    public double pixelAccuracy() {
        long correct = 0;
        long total = 0;
        for (int c = 0; c < classes; c++) {
            correct += count(c, c);
            total += rowSum(c);
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    private long rowSum(int truth) {
        long sum = 0;
        for (int p = 0; p < classes; p++) {
            sum += count(truth, p);
        }
        return sum;
    }

    private long columnSum(int predicted) {
        long sum = 0;
        for (int t = 0; t < classes; t++) {
            sum += count(t, predicted);
        }
        return sum;
    }
}
