package org.infopro.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays built from Java data whose memory libtorch owns.
 *
 * <p>On CPU, {@code NDManager.create(float[])} wraps a Java direct buffer without copying, and the
 * buffer is released with the array's handle. The local trainer closes each module's scope
 * <em>before</em> its backward pass (autograd keeps the tensors it saved), so an array created from
 * Java data inside a module and saved by autograd would be read after its memory was freed,
 * corrupting gradients at random. Such arrays must be made with {@link #owned}.
 */
public final class NativeArrays {

    private NativeArrays() {}

    /** A float array with libtorch-owned memory. */
    public static NDArray owned(NDManager manager, float[] data, Shape shape) {
        try (NDArray borrowed = manager.create(data, shape)) {
            return borrowed.duplicate();
        }
    }

    /** An int64 array with libtorch-owned memory (e.g. gather indices autograd keeps). */
    public static NDArray owned(NDManager manager, long[] data) {
        try (NDArray borrowed = manager.create(data)) {
            return borrowed.duplicate();
        }
    }
}
