package org.infopro.segmentation.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** mIoU against a confusion matrix computed by hand. */
class MeanIoUTest {

    /**
     * 4 classes; class 3 appears in neither labels nor predictions. Pixels (label → prediction):
     * 0→0, 0→0, 0→1, 1→1, 1→2, 2→2, 255→0, 255→3 (the last two ignored).
     *
     * <p>Class 0: I = 2, U = 3 (row) + 2 (col) − 2 = 3 → 2/3. Class 1: I = 1, U = 2 + 2 − 1 = 3 →
     * 1/3. Class 2: I = 1, U = 1 + 2 − 1 = 2 → 1/2. Class 3: absent → excluded. mIoU = (2/3 + 1/3 +
     * 1/2) / 3 = 0.5; pixel accuracy = 4/6.
     */
    @Test
    void matchesAHandComputedMatrix() {
        ConfusionMatrix m = new ConfusionMatrix(4, 255);
        m.add(new long[] {0, 0, 0, 1, 1, 2, 255, 255}, new long[] {0, 0, 1, 1, 2, 2, 0, 3});
        double[] iou = m.iou();
        assertEquals(2.0 / 3, iou[0], 1e-12);
        assertEquals(1.0 / 3, iou[1], 1e-12);
        assertEquals(0.5, iou[2], 1e-12);
        assertTrue(Double.isNaN(iou[3]));
        assertEquals(0.5, m.meanIou(), 1e-12);
        assertEquals(4.0 / 6, m.pixelAccuracy(), 1e-12);
    }

    @Test
    void aClassOnlyPredictedCountsWithZeroIou() {
        ConfusionMatrix m = new ConfusionMatrix(3, 255);
        m.add(new long[] {0, 0}, new long[] {0, 2});
        assertEquals(0.0, m.iou()[2], 1e-12); // predicted but absent from the labels
        assertEquals((0.5 + 0.0) / 2, m.meanIou(), 1e-12);
    }

    @Test
    void accumulatesLogitsOverBatches() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MeanIoU metric = new MeanIoU(2);
            // (N=1, C=2, H=1, W=3): predictions 0, 1, 1
            float[] logits = {3f, 0f, 0f, 0f, 1f, 2f};
            metric.update(
                    new NDList(manager.create(logits, new Shape(1, 2, 1, 3))),
                    new NDList(manager.create(new long[] {0, 1, 255}, new Shape(1, 1, 3))));
            metric.update(
                    new NDList(manager.create(logits, new Shape(1, 2, 1, 3))),
                    new NDList(manager.create(new long[] {1, 1, 0}, new Shape(1, 1, 3))));
            // truth→pred: 0→0, 1→1, 1→0, 1→1, 0→1  => class0 I=1 U=2+2-1=3; class1 I=2 U=3+3-2=4
            Map<String, Double> values = metric.values();
            assertEquals(100 * (1.0 / 3 + 2.0 / 4) / 2, values.get("miou"), 1e-9);
            assertEquals(100 * 3.0 / 5, values.get("pixel_accuracy"), 1e-9);
        }
    }

    @Test
    void rejectsLabelsOutsideTheClasses() {
        ConfusionMatrix m = new ConfusionMatrix(2, 255);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> m.add(new long[] {7}, new long[] {0}));
        assertTrue(e.getMessage().contains("label 7"), e.getMessage());
    }
}
