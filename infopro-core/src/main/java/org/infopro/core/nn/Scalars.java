package org.infopro.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant that is safe inside an autograd graph.
 *
 * <p>DJL's {@code NDArray.mul(Number)}, {@code div(Number)} and {@code maximum(Number)} wrap the
 * constant in a tensor over a Java direct buffer and close it as soon as the op returns. Autograd
 * saves that tensor when the op needs it for the backward pass (a product's gradient is scaled by
 * the constant), so the backward pass may read memory the JVM has already freed and reused:
 * gradients come out wrong, or NaN, at random. These helpers build the constant in libtorch-owned
 * memory instead. (Ops whose backward does not read the constant, such as {@code add} and {@code
 * sub}, are safe as they are.)
 */
public final class Scalars {

    private Scalars() {}

    /** {@code x · value}. */
    public static NDArray mul(NDArray x, float value) {
        return x.mul(constant(x, value));
    }

    /** {@code x / value}. */
    public static NDArray div(NDArray x, float value) {
        return x.div(constant(x, value));
    }

    /** Element-wise {@code max(x, value)}. */
    public static NDArray maximum(NDArray x, float value) {
        return x.maximum(constant(x, value));
    }

    private static NDArray constant(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }
}
