package org.infopro.detection.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/** Box arithmetic on (N, 4) arrays of {x1, y1, x2, y2} corners, as mmdetection's (no +1). */
public final class Boxes {

    private Boxes() {}

    /** Areas (N) of boxes (N, 4); degenerate boxes have area 0. */
    public static NDArray area(NDArray boxes) {
        NDArray w = boxes.get(":, 2").sub(boxes.get(":, 0")).clip(0, Float.MAX_VALUE);
        NDArray h = boxes.get(":, 3").sub(boxes.get(":, 1")).clip(0, Float.MAX_VALUE);
        return w.mul(h);
    }

    /** The pairwise IoU matrix (N, M) of boxes a (N, 4) and b (M, 4). */
    public static NDArray iou(NDArray a, NDArray b) {
        return batchedIou(a.expandDims(0), b.expandDims(0)).squeeze(0);
    }

    /** Per image, the pairwise IoU matrices (B, N, M) of boxes a (B, N, 4) and b (B, M, 4). */
    public static NDArray batchedIou(NDArray a, NDArray b) {
        NDArray[] ca = columns(a);
        NDArray[] cb = columns(b);
        NDArray w = overlap(ca[0], ca[2], cb[0], cb[2]);
        NDArray h = overlap(ca[1], ca[3], cb[1], cb[3]);
        NDArray intersection = w.mul(h);
        NDArray areaA = extent(ca[0], ca[2]).mul(extent(ca[1], ca[3])).expandDims(2);
        NDArray areaB = extent(cb[0], cb[2]).mul(extent(cb[1], cb[3])).expandDims(1);
        NDArray union = areaA.add(areaB).sub(intersection);
        return intersection.div(union.maximum(1e-6f));
    }

    private static NDArray extent(NDArray low, NDArray high) {
        return high.sub(low).clip(0, Float.MAX_VALUE);
    }

    /**
     * Pairwise overlap lengths (B, N, M) of the intervals [lowA, highA] (B, N) and [lowB, highB]
     * (B, M).
     */
    private static NDArray overlap(NDArray lowA, NDArray highA, NDArray lowB, NDArray highB) {
        NDArray high = highA.expandDims(2).minimum(highB.expandDims(1));
        NDArray low = lowA.expandDims(2).maximum(lowB.expandDims(1));
        return extent(low, high);
    }

    /**
     * The four coordinate columns (B, N) of (B, N, 4) boxes, each contiguous: the broadcast minimum
     * and maximum then run vectorised, several times faster than on strided corner slices.
     */
    private static NDArray[] columns(NDArray boxes) {
        long b = boxes.getShape().get(0);
        long n = boxes.getShape().get(1);
        // Reshaping the transposed view forces a contiguous copy: rows of x1s, y1s, x2s, y2s.
        NDArray byCoordinate = boxes.transpose(0, 2, 1).reshape(b * 4 * n).reshape(b, 4, n);
        return new NDArray[] {
            byCoordinate.get(":, 0"),
            byCoordinate.get(":, 1"),
            byCoordinate.get(":, 2"),
            byCoordinate.get(":, 3")
        };
    }

    /** Boxes clipped to an image of {@code height × width} pixels. */
    public static NDArray clip(NDArray boxes, int height, int width) {
        NDArray x = boxes.get(":, 0::2").clip(0, width);
        NDArray y = boxes.get(":, 1::2").clip(0, height);
        return NDArrays.stack(
                new ai.djl.ndarray.NDList(
                        x.get(":, 0"), y.get(":, 0"), x.get(":, 1"), y.get(":, 1")),
                1);
    }

    /** Widths and heights (N, 2). */
    public static NDArray sizes(NDArray boxes) {
        return boxes.get(":, 2:").sub(boxes.get(":, :2"));
    }

    /** Centres (N, 2). */
    public static NDArray centres(NDArray boxes) {
        return boxes.get(":, 2:").add(boxes.get(":, :2")).mul(0.5f);
    }
}
