package org.infopro.core.weights;

import ai.djl.ndarray.NDArray;

/**
 * How one tensor is laid out differently in another library's state dict than in our parameter,
 * e.g. a transposed convolution's (in, out, kH, kW) weight, or class scores with the background
 * first rather than last: the conversion each way. The arrays returned are new (the caller closes
 * them); the shapes of the result are checked against the parameter's as usual.
 */
public interface TensorLayout {

    /** The source's tensor in our parameter's layout. */
    NDArray toOurs(NDArray source);

    /** Our parameter in the source's layout, for writing it back. */
    NDArray toSource(NDArray ours);
}
