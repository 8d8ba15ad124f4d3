package org.infopro.detection.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.infopro.detection.ops.Boxes;

/**
 * mmdetection's {@code MaxIoUAssigner} with its {@code RandomSampler}: each candidate box takes the
 * ground-truth object it overlaps most; at least {@code positiveIou} makes it positive, below
 * {@code negativeIou} negative, in between ignored. With {@code lowQualityIou} ≥ 0, each object
 * also claims the candidates that overlap it most (when that overlap reaches the value), so every
 * object has a positive. Then {@code samples} candidates are drawn at random with at most {@code
 * positiveFraction} positives, negatives filling the rest.
 *
 * <p>The IoU matrix and the assignment are tensor operations; only the per-candidate result comes
 * to the JVM for the random draw.
 */
record MaxIouAssigner(
        float positiveIou,
        float negativeIou,
        float lowQualityIou,
        int samples,
        float positiveFraction) {

    /** The candidates drawn for one image. */
    record Sample(int[] positives, int[] positiveObjects, int[] negatives) {
        int size() {
            return positives.length + negatives.length;
        }
    }

    /**
     * @param candidates (A, 4) boxes
     * @param objects (G, 4) ground-truth boxes, G ≥ 0
     */
    Sample assign(NDArray candidates, NDArray objects, Random random) {
        int a = (int) candidates.getShape().get(0);
        int g = (int) objects.getShape().get(0);
        int[] assigned = new int[a];
        java.util.Arrays.fill(assigned, -2); // -2 ignored, -1 negative, ≥ 0 object index
        if (g == 0) {
            java.util.Arrays.fill(assigned, -1);
            return draw(assigned, random);
        }
        NDManager manager = candidates.getManager();
        NDArray iou = Boxes.iou(candidates, objects); // (A, G)
        NDArray best = iou.max(new int[] {1});
        NDArray bestObject = iou.argMax(1);
        float[] bestIou = best.toFloatArray();
        long[] bestIndex = bestObject.toLongArray();
        int[] claimed = new int[a];
        if (lowQualityIou >= 0) {
            // Each object claims its best candidates (ties included); later objects win, as in
            // mmdetection's loop over objects.
            NDArray objectBest = iou.max(new int[] {0}); // (G)
            NDArray claims =
                    iou.eq(objectBest.expandDims(0))
                            .logicalAnd(objectBest.gte(lowQualityIou).expandDims(0))
                            .toType(DataType.INT64, false)
                            .mul(manager.arange(1, g + 1).toType(DataType.INT64, false));
            long[] last = claims.max(new int[] {1}).toLongArray();
            for (int i = 0; i < a; i++) {
                claimed[i] = (int) last[i];
            }
        }
        for (int i = 0; i < a; i++) {
            if (bestIou[i] >= positiveIou) {
                assigned[i] = (int) bestIndex[i];
            } else if (bestIou[i] >= 0 && bestIou[i] < negativeIou) {
                assigned[i] = -1;
            }
            if (claimed[i] > 0) {
                assigned[i] = claimed[i] - 1;
            }
        }
        return draw(assigned, random);
    }

    private Sample draw(int[] assigned, Random random) {
        List<Integer> positives = new ArrayList<>();
        List<Integer> negatives = new ArrayList<>();
        for (int i = 0; i < assigned.length; i++) {
            if (assigned[i] >= 0) {
                positives.add(i);
            } else if (assigned[i] == -1) {
                negatives.add(i);
            }
        }
        int[] pos = pick(positives, Math.round(samples * positiveFraction), random);
        int[] neg = pick(negatives, samples - pos.length, random);
        int[] objects = new int[pos.length];
        for (int i = 0; i < pos.length; i++) {
            objects[i] = assigned[pos[i]];
        }
        return new Sample(pos, objects, neg);
    }

    private static int[] pick(List<Integer> pool, int count, Random random) {
        if (pool.size() > count) {
            java.util.Collections.shuffle(pool, random);
            pool = pool.subList(0, count);
        }
        return pool.stream().mapToInt(Integer::intValue).toArray();
    }
}
