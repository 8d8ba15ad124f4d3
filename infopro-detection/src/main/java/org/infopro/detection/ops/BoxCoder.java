package org.infopro.detection.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * The standard (dx, dy, dw, dh) box coder (mmdetection's {@code DeltaXYWHBBoxCoder}): centre
 * offsets relative to the reference box's size and log size ratios, each divided by a standard
 * deviation (means 0). Decoding clamps the log ratios at log(1000/16), so a wild prediction cannot
 * overflow.
 */
public final class BoxCoder {

    /** The RPN's coder: unit standard deviations. */
    public static final BoxCoder RPN = new BoxCoder(1, 1, 1, 1);

    /** The RoI head's coder: standard deviations 0.1, 0.1, 0.2, 0.2. */
    public static final BoxCoder ROI = new BoxCoder(0.1f, 0.1f, 0.2f, 0.2f);

    private static final float MAX_LOG_RATIO = (float) Math.abs(Math.log(16.0 / 1000));

    private final float[] stds;

    /** A coder whose deltas are divided by these standard deviations (x, y, w, h). */
    public BoxCoder(float sx, float sy, float sw, float sh) {
        this.stds = new float[] {sx, sy, sw, sh};
    }

    /** Deltas (N, 4) that take {@code references} to {@code targets} (both (N, 4) corners). */
    public NDArray encode(NDArray references, NDArray targets) {
        NDArray size = Boxes.sizes(references);
        NDArray centre = Boxes.centres(references);
        NDArray offset = Boxes.centres(targets).sub(centre).div(size);
        NDArray logRatio = Boxes.sizes(targets).div(size).log();
        return NDArrays.concat(new NDList(offset, logRatio), 1)
                .div(references.getManager().create(stds));
    }

    /** The boxes (N, 4) that {@code deltas} (N, 4) make of {@code references} (N, 4). */
    public NDArray decode(NDArray references, NDArray deltas) {
        NDArray scaled = deltas.mul(deltas.getManager().create(stds));
        NDArray size = Boxes.sizes(references);
        NDArray centre = Boxes.centres(references).add(scaled.get(":, :2").mul(size));
        NDArray newSize = scaled.get(":, 2:").clip(-MAX_LOG_RATIO, MAX_LOG_RATIO).exp().mul(size);
        NDArray half = newSize.mul(0.5f);
        return NDArrays.concat(new NDList(centre.sub(half), centre.add(half)), 1);
    }
}
