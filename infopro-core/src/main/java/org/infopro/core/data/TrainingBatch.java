package org.infopro.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * One mini-batch as the local objectives see it: the normalised input, the task's labels, and the
 * input restored to [0, 1] (computed once, on first use, for the decoders' BCE targets).
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

    /**
     * Lends the batch's arrays to a module's scope until it closes, so that every array derived
     * from them (label casts, masks, targets) is created in — and freed with — that scope instead
     * of piling up in the step.
     */
    public void lendTo(NDManager scope) {
        restoredInput(); // computed in the batch's own manager, before lending
        input.tempAttach(scope);
        restored.tempAttach(scope);
        labels.forEach(label -> label.tempAttach(scope));
    }

    /** The input restored to [0, 1], the reconstruction target. */
    public NDArray restoredInput() {
        if (restored == null) {
            restored = normalization.restore(input).stopGradient();
        }
        return restored;
    }
}
