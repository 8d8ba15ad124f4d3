package org.infopro.detection.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy non-maximum suppression as tensor operations on the boxes' device, for a batch of images
 * at once.
 *
 * <p>Greedy NMS keeps box i (in descending score order) unless a kept box before it overlaps it by
 * more than the threshold. Each image's boxes are taken in chunks of {@value #CHUNK} by score: a
 * chunk first loses the boxes that overlap any box kept before it, then settles among itself by
 * iterating {@code keep ← alive ∧ ¬(keep · Suppress)} from "keep the alive ones". That rule has one
 * solution; after t rounds the first t boxes are final, and in practice a few rounds suffice (one
 * batched matrix-vector product each, the convergence check the only host transfer). Work stops
 * once every image has {@code limit} boxes. All images go through each step together, so the number
 * of operations does not grow with the batch.
 */
public final class Nms {

    static final int CHUNK = 256;

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
        NDManager m = boxes.getManager();
        if (boxes.getShape().get(0) == 0 || limit == 0) {
            return m.create(new long[0]);
        }
        NDArray valid = m.ones(scores.getShape()).toType(DataType.BOOLEAN, false).expandDims(0);
        return perImage(boxes.expandDims(0), scores.expandDims(0), valid, threshold, limit).get(0);
    }

    /**
     * Greedy NMS within each image of a batch.
     *
     * @param boxes (B, N, 4) corners
     * @param scores (B, N)
     * @param valid (B, N) booleans: false boxes are neither kept nor suppress others
     * @param limit at most this many boxes are kept per image
     * @return per image, indices (int64, into N) of the kept boxes by descending score
     */
    public static List<NDArray> perImage(
            NDArray boxes, NDArray scores, NDArray valid, float threshold, int limit) {
        NDManager m = boxes.getManager();
        int b = (int) boxes.getShape().get(0);
        long n = boxes.getShape().get(1);
        NDArray ranked = NDArrays.where(valid, scores, m.full(scores.getShape(), -Float.MAX_VALUE));
        NDArray order = ranked.argSort(1, false); // (B, N)
        NDArray rows =
                order.add(m.arange(0, (int) (b * n), (int) n, DataType.INT64).expandDims(1))
                        .flatten();
        NDArray sorted = boxes.reshape(b * n, 4).get(rows).reshape(b, n, 4);
        NDArray alive = valid.flatten().get(rows).reshape(b, n).toType(DataType.FLOAT32, false);
        NDArray kept = null; // (B, end) floats, 1 = kept, over the boxes settled so far
        long end = 0;
        while (end < n) {
            long start = end;
            end = Math.min(n, start + CHUNK);
            NDArray chunk = sorted.get(":, " + start + ":" + end + ", :");
            NDArray candidates = alive.get(":, " + start + ":" + end);
            if (kept != null) {
                NDArray earlier = sorted.get(":, :" + start + ", :");
                NDArray hit =
                        Boxes.batchedIou(earlier, chunk)
                                .gt(threshold)
                                .toType(DataType.FLOAT32, false)
                                .mul(kept.expandDims(2))
                                .max(new int[] {1}); // (B, chunk)
                candidates = candidates.mul(hit.eq(0).toType(DataType.FLOAT32, false));
            }
            NDArray settled = settle(chunk, candidates, threshold);
            kept = kept == null ? settled : NDArrays.concat(new NDList(kept, settled), 1);
            if (kept.sum(new int[] {1}).min().getFloat() >= limit) {
                break;
            }
        }
        NDArray keptMask = kept.toType(DataType.BOOLEAN, false); // (B, end)
        NDArray positions = m.arange(0, (int) end, 1, DataType.INT64);
        List<NDArray> result = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            NDArray mine = positions.get(keptMask.get(i));
            if (mine.getShape().get(0) > limit) {
                mine = mine.get(":" + limit);
            }
            result.add(order.get(i).get(mine));
        }
        return result;
    }

    /**
     * The greedy solution within each image's chunk of boxes (B, C, 4) sorted by score, from the
     * candidates (B, C) not suppressed before it: (B, C) floats, 1 = kept.
     */
    private static NDArray settle(NDArray chunk, NDArray candidates, float threshold) {
        NDManager manager = chunk.getManager();
        long c = chunk.getShape().get(1);
        NDArray index = manager.arange((int) c).expandDims(1);
        NDArray earlier = index.lt(index.transpose()).expandDims(0); // [j, i]: j before i
        NDArray suppresses =
                Boxes.batchedIou(chunk, chunk)
                        .gt(threshold)
                        .logicalAnd(earlier)
                        .toType(DataType.FLOAT32, false);
        NDArray alive = candidates.expandDims(1); // (B, 1, C)
        NDArray keep = alive;
        for (long round = 0; round < c; round++) {
            NDArray next =
                    keep.batchMatMul(suppresses).eq(0).toType(DataType.FLOAT32, false).mul(alive);
            boolean settled = next.eq(keep).all().getBoolean();
            keep = next;
            if (settled) {
                break;
            }
        }
        return keep.squeeze(1);
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
        return nms(separated(boxes, groups), scores, threshold, limit);
    }

    /**
     * Boxes (…, N, 4) moved so that boxes of different groups (N) cannot overlap: each group is
     * offset by its id times a span beyond every coordinate.
     */
    public static NDArray separated(NDArray boxes, NDArray groups) {
        float span = boxes.max().getFloat() + 1;
        NDArray offsets = groups.toType(DataType.FLOAT32, false).mul(span).expandDims(1);
        return boxes.add(offsets);
    }
}
