package org.infopro.video.model;

import ai.djl.ndarray.NDArray;

/**
 * TSN's average consensus: the rows of one sample (its T frames, or V clips of T frames) are
 * consecutive in a (rows, classes) output; each sample's prediction is their mean. Averaging the
 * logits equals averaging the pooled features before the last linear layer, which is affine.
 */
public final class Consensus {

    private Consensus() {}

    /** (samples · R, D) → (samples, D), the mean of each sample's R rows. */
    public static NDArray average(NDArray rows, long samples) {
        long count = rows.getShape().get(0);
        if (samples <= 0 || count % samples != 0) {
            throw new IllegalArgumentException(
                    count + " rows do not split evenly into " + samples + " samples");
        }
        return rows.reshape(samples, count / samples, -1).mean(new int[] {1});
    }
}
