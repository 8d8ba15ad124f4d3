package org.infopro.detection.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Greedy non-maximum suppression as tensor operations on the boxes' device.
 *
 * <p>Greedy NMS keeps box i (in descending score order) unless a kept box before it overlaps it by
 * more than the threshold. Boxes are taken in chunks of {@value #CHUNK} by score: a chunk first
 * loses the boxes that overlap any box kept so far, then settles among itself by iterating {@code
 * keep ← alive ∧ ¬(keep · Suppress)} from "keep the alive ones". That rule has one solution; after
 * t rounds the first t boxes are final, and in practice a few rounds suffice (one matrix-vector
 * product each, the convergence check the only host transfer). Work stops once {@code limit} boxes
 * are kept, so the cost is about N·(limit + chunk) overlaps rather than N².
 */
public final class Nms {

    static final int CHUNK = Integer.getInteger("nms.chunk", 256);

    private Nms() {}

    /**
     * @param boxes (N, 4) corners
     * @param scores (N)
     * @param threshold IoU above which the lower-scored box is suppressed
     * @return indices (int64) of the kept boxes, by descending score
     */
    public static NDArray nms(NDArray boxes, NDArray scores, float threshold) {
        return nms(boxes, scores, threshold, Integer.MAX_VALUE);
    }

    /**
     * Greedy NMS keeping at most {@code limit} boxes (the same as truncating the full result).
     *
     * @return indices (int64) of the kept boxes, by descending score
     */
    public static NDArray nms(NDArray boxes, NDArray scores, float threshold, int limit) {
        NDManager manager = boxes.getManager();
        long n = boxes.getShape().get(0);
        if (n == 0 || limit == 0) {
            return manager.create(new long[0]);
        }
        NDArray order = scores.argSort(0, false);
        NDArray sorted = boxes.get(order);
        NDList keptPositions = new NDList();
        NDArray keptBoxes = null;
        long kept = 0;
        for (long start = 0; start < n && kept < limit; start += CHUNK) {
            long end = Math.min(n, start + CHUNK);
            NDArray chunk = sorted.get(start + ":" + end);
            NDArray alive = manager.ones(new Shape(1, end - start));
            if (keptBoxes != null) {
                NDArray hit =
                        Boxes.iou(keptBoxes, chunk).gt(threshold).toType(DataType.FLOAT32, false);
                alive = hit.max(new int[] {0}, true).eq(0).toType(DataType.FLOAT32, false);
            }
            NDArray keep = settle(chunk, alive, threshold);
            NDArray positions =
                    manager.arange(start, end)
                            .toType(DataType.INT64, false)
                            .get(keep.squeeze(0).toType(DataType.BOOLEAN, false));
            long count = positions.getShape().get(0);
            if (count == 0) {
                continue;
            }
            if (kept + count > limit) {
                positions = positions.get(":" + (limit - kept));
                count = limit - kept;
            }
            keptPositions.add(positions);
            NDArray newBoxes = sorted.get(positions);
            keptBoxes =
                    keptBoxes == null
                            ? newBoxes
                            : NDArrays.concat(new NDList(keptBoxes, newBoxes), 0);
            kept += count;
        }
        if (keptPositions.isEmpty()) {
            return manager.create(new long[0]);
        }
        NDArray positions =
                keptPositions.size() == 1 ? keptPositions.head() : NDArrays.concat(keptPositions);
        return order.get(positions);
    }

    /** The greedy solution within a chunk of boxes sorted by score: (1, B) floats, 1 = kept. */
    private static NDArray settle(NDArray chunk, NDArray alive, float threshold) {
        NDManager manager = chunk.getManager();
        long b = chunk.getShape().get(0);
        NDArray rows = manager.arange((int) b).expandDims(1);
        NDArray earlier = rows.lt(rows.transpose()); // [j, i]: j before i
        NDArray suppresses =
                Boxes.iou(chunk, chunk)
                        .gt(threshold)
                        .logicalAnd(earlier)
                        .toType(DataType.FLOAT32, false);
        NDArray keep = alive;
        for (long round = 0; round < b; round++) {
            NDArray next = keep.matMul(suppresses).eq(0).toType(DataType.FLOAT32, false).mul(alive);
            boolean settled = next.eq(keep).all().getBoolean();
            keep = next;
            if (settled) {
                break;
            }
        }
        return keep;
    }

    /**
     * NMS within each class (or level): boxes of different {@code groups} never suppress each
     * other, done in one pass by offsetting each group's boxes beyond all others.
     *
     * @param groups (N) integer group ids
     * @param limit at most this many boxes are kept
     */
    public static NDArray batched(
            NDArray boxes, NDArray scores, NDArray groups, float threshold, int limit) {
        if (boxes.getShape().get(0) == 0) {
            return boxes.getManager().create(new long[0]);
        }
        float span = boxes.max().getFloat() + 1;
        NDArray offsets = groups.toType(DataType.FLOAT32, false).mul(span).expandDims(1);
        return nms(boxes.add(offsets), scores, threshold, limit);
    }
}
