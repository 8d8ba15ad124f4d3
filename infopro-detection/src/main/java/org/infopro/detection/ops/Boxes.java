package org.infopro.detection.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;

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

    /** Pairwise intersection areas (N, M). */
    private static NDArray intersection(NDArray a, NDArray b) {
        NDArray lowA = a.get(":, :2").expandDims(1);
        NDArray highA = a.get(":, 2:").expandDims(1);
        NDArray lowB = b.get(":, :2").expandDims(0);
        NDArray highB = b.get(":, 2:").expandDims(0);
        NDArray wh = NDArrays.minimum(highA, highB).sub(NDArrays.maximum(lowA, lowB));
        wh = wh.clip(0, Float.MAX_VALUE);
        return wh.get(new NDIndex(":, :, 0")).mul(wh.get(new NDIndex(":, :, 1")));
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
