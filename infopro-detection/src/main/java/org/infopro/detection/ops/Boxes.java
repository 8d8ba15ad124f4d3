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
        NDArray intersection = intersection(a, b);
        NDArray union = area(a).expandDims(1).add(area(b).expandDims(0)).sub(intersection);
        return intersection.div(union.maximum(1e-6f));
    }

    /**
     * Pairwise intersection areas (N, M). Each coordinate is first copied to a contiguous vector:
     * the broadcast minimum and maximum then run vectorised over rows, several times faster than on
     * the strided (N, 1, 2) corner slices.
     */
    private static NDArray intersection(NDArray a, NDArray b) {
        NDArray[] ca = columns(a);
        NDArray[] cb = columns(b);
        NDArray w = overlap(ca[0], ca[2], cb[0], cb[2]);
        NDArray h = overlap(ca[1], ca[3], cb[1], cb[3]);
        return w.mul(h);
    }

    /** Overlap lengths (N, M) of the intervals [lowA, highA] (N) and [lowB, highB] (M). */
    private static NDArray overlap(NDArray lowA, NDArray highA, NDArray lowB, NDArray highB) {
        NDArray high = highA.expandDims(1).minimum(highB.expandDims(0));
        NDArray low = lowA.expandDims(1).maximum(lowB.expandDims(0));
        return high.sub(low).clip(0, Float.MAX_VALUE);
    }

    /** The four coordinate columns of (N, 4) boxes, each contiguous. */
    private static NDArray[] columns(NDArray boxes) {
        long n = boxes.getShape().get(0);
        // Reshaping the transposed view forces a contiguous copy: rows of x1s, y1s, x2s, y2s.
        NDArray byCoordinate = boxes.transpose().reshape(4 * n).reshape(4, n);
        return new NDArray[] {
            byCoordinate.get(0), byCoordinate.get(1), byCoordinate.get(2), byCoordinate.get(3)
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
