package org.infopro.segmentation.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.infopro.core.metric.TaskMetric;
import org.infopro.core.nn.Resize;

/**
 * mIoU, pixel accuracy and per-class IoU (in percent) of dense predictions, accumulated over
 * batches in one confusion matrix.
 */
public final class MeanIoU implements TaskMetric {

    /** Label of unlabelled pixels in every supported dataset. */
    public static final int IGNORE = 255;

    private final ConfusionMatrix matrix;

    /** An empty confusion matrix over {@code classes} classes. */
    public MeanIoU(int classes) {
        this.matrix = new ConfusionMatrix(classes, IGNORE);
    }

    /**
     * @param outputs logits (N, C, h, w), resized here to the labels' resolution
     * @param labels (N, H, W) class indices, 255 where unlabelled
     */
    @Override
    public void update(NDList outputs, NDList labels) {
        long[] size = labels.head().getShape().getShape();
        NDArray logits = Resize.bilinearAlignCorners(outputs.head(), (int) size[1], (int) size[2]);
        NDArray predictions = logits.argMax(1);
        matrix.add(
                labels.head().toType(DataType.INT64, false).toLongArray(),
                predictions.toType(DataType.INT64, false).toLongArray());
    }

    @Override
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("miou", 100 * matrix.meanIou());
        values.put("pixel_accuracy", 100 * matrix.pixelAccuracy());
        double[] iou = matrix.iou();
        for (int c = 0; c < iou.length; c++) {
            values.put("iou_" + c, 100 * iou[c]);
        }
        return values;
    }

    @Override
    public String primary() {
        return "miou";
    }

    /** The accumulated matrix. */
    public ConfusionMatrix matrix() {
        return matrix;
    }
}
