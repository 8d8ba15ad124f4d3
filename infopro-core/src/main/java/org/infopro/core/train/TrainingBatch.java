package org.infopro.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.infopro.core.data.Normalization;

/**
 * One mini-batch as the local objectives see it: the normalised input, the task's labels, and
 * the input restored to [0, 1] (computed once, on first use, for the decoders' BCE targets).
 */
public final class TrainingBatch {

    private final NDArray input;
    private final NDList labels;
    private final Normalization normalization;
    private NDArray restored;

    public TrainingBatch(NDArray input, NDList labels, Normalization normalization) {
        this.input = input;
        this.labels = labels;
        this.normalization = normalization;
    }

    /** The normalised (N, C, H, W) input. */
    public NDArray input() {
        return input;
    }

    /** The task's labels; for classification one (N) array of class indices. */
    public NDList labels() {
        return labels;
    }

    /** Number of samples. */
    public int size() {
        return (int) input.getShape().get(0);
    }

    /** The input restored to [0, 1], the reconstruction target. */
    public NDArray restoredInput() {
        if (restored == null) {
            restored = normalization.restore(input).stopGradient();
        }
        return restored;
    }
}
