package org.infopro.detection.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Greedy non-maximum suppression as tensor operations on the boxes' device.
 *
 * <p>Greedy NMS keeps box i (in descending score order) unless a kept box before it overlaps it by
 * more than the threshold. That rule has one solution, and iterating {@code keep ← ¬(keep ·
 * Suppress)} from "keep all" reaches it: after t rounds the first t boxes are final, and in
 * practice it settles after a few rounds (one matrix-vector product each), so the only host
 * transfer per round is the convergence check.
 */
public final class Nms {

    private Nms() {}

    /**
     * @param boxes (N, 4) corners
     * @param scores (N)
     * @param threshold IoU above which the lower-scored box is suppressed
     * @return indices (int64) of the kept boxes, by descending score
     */
    public static NDArray nms(NDArray boxes, NDArray scores, float threshold) {
        NDManager manager = boxes.getManager();
        long n = boxes.getShape().get(0);
        if (n == 0) {
            return manager.create(new long[0]);
        }
        NDArray order = scores.argSort(0, false);
        NDArray sorted = boxes.get(order);
        NDArray rows = manager.arange((int) n).expandDims(1);
        NDArray later = rows.lt(rows.transpose()); // [j, i]: j before i
        NDArray suppresses =
                Boxes.iou(sorted, sorted)
                        .gt(threshold)
                        .logicalAnd(later)
                        .toType(DataType.FLOAT32, false);
        NDArray keep = manager.ones(new ai.djl.ndarray.types.Shape(1, n));
        for (long round = 0; round < n; round++) {
            NDArray next = keep.matMul(suppresses).eq(0).toType(DataType.FLOAT32, false);
            boolean settled = next.eq(keep).all().getBoolean();
            keep = next;
            if (settled) {
                break;
            }
        }
        return order.get(keep.squeeze(0).toType(DataType.BOOLEAN, false));
    }

    /**
     * NMS within each class (or level): boxes of different {@code groups} never suppress each
     * other, done in one pass by offsetting each group's boxes beyond all others.
     *
     * @param groups (N) integer group ids
     */
    public static NDArray batched(NDArray boxes, NDArray scores, NDArray groups, float threshold) {
        if (boxes.getShape().get(0) == 0) {
            return boxes.getManager().create(new long[0]);
        }
        float span = boxes.max().getFloat() + 1;
        NDArray offsets = groups.toType(DataType.FLOAT32, false).mul(span).expandDims(1);
        return nms(boxes.add(offsets), scores, threshold);
    }
}
