package org.infopro.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear resizing with {@code align_corners=True}, as {@code F.interpolate} does it.
 *
 * <p>DJL's interpolation ignores {@code alignCorners} and libtorch's is called with antialias on,
 * so the resize is written as two matrix products with interpolation matrices: exact,
 * differentiable, and fast for feature maps.
 */
public final class Resize {

    private Resize() {}

    /** Resizes the last two axes of {@code x} (…, H, W) to (outHeight, outWidth). */
    public static NDArray bilinearAlignCorners(NDArray x, int outHeight, int outWidth) {
        Shape shape = x.getShape();
        int height = (int) shape.get(shape.dimension() - 2);
        int width = (int) shape.get(shape.dimension() - 1);
        if (height == outHeight && width == outWidth) {
            return x;
        }
        NDManager manager = x.getManager();
        NDArray rows = interpolationMatrix(manager, height, outHeight);
        NDArray columns = interpolationMatrix(manager, width, outWidth).transpose();
        return rows.matMul(x).matMul(columns);
    }

    /**
     * The (out, in) matrix whose row i mixes the two source samples around {@code src =
     * i·(in-1)/(out-1)} with weights (1-f, f).
     */
    static NDArray interpolationMatrix(NDManager manager, int in, int out) {
        float[] weights = new float[out * in];
        for (int i = 0; i < out; i++) {
            double source = out == 1 ? 0 : (double) i * (in - 1) / (out - 1);
            int low = (int) Math.floor(source);
            int high = Math.min(low + 1, in - 1);
            float fraction = (float) (source - low);
            weights[i * in + low] += 1 - fraction;
            weights[i * in + high] += fraction;
        }
        // Saved by matMul for backward, possibly after the module's scope has closed.
        return NativeArrays.owned(manager, weights, new Shape(out, in));
    }
}
