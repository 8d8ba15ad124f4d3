package org.infopro.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Autograd for worker threads, without DJL's {@code GradientCollector}.
 *
 * <p>DJL allows one collector per process (a static flag), but the flag is DJL's only: libtorch
 * keeps grad mode per thread, and its autograd engine runs backward passes issued from different
 * threads concurrently as long as their graphs are disjoint. Each asynchronous module builds its
 * graph from a detached input and its own parameters, so its graph shares nothing with another
 * module's and its thread may record and run it on its own.
 */
final class ThreadAutograd {

    private ThreadAutograd() {}

    /** Records operations on the calling thread from now on. */
    static void enable() {
        JniUtils.setGradMode(true);
    }

    /** Stops recording on the calling thread. */
    static void disable() {
        JniUtils.setGradMode(false);
    }

    /** Back-propagates a scalar loss (seed gradient 1) on the calling thread, freeing its graph. */
    static void backward(NDArray loss) {
        try (NDArray seed = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }
    }
}
