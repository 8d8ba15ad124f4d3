package org.infopro.core.data;

import ai.djl.ndarray.NDManager;
import org.infopro.core.nn.FeatureShape;

/**
 * A split of a labelled dataset that the trainer can batch.
 *
 * <p>Augmentation is seeded per sample from a caller-given seed, so an epoch replays exactly on
 * resume, whatever order the samples are drawn in.
 */
public interface LabeledData {

    /** How a batch is prepared. */
    enum Pass {
        /** With the dataset's training augmentation. */
        TRAINING,
        /** Without augmentation. */
        EVALUATION
    }

    /** Number of samples. */
    int sampleCount();

    /** Number of classes. */
    int classes();

    /**
     * The class names in label order, where the files name them (COCO categories), else empty: a
     * training and a test split must agree on them.
     */
    default java.util.List<String> classNames() {
        return java.util.List.of();
    }

    /** The per-sample input shape after preprocessing. */
    FeatureShape sampleShape();

    /** The input normalisation, needed to restore reconstruction targets. */
    Normalization normalization();

    /**
     * Loads the given samples as one batch in {@code manager}.
     *
     * @param manager owner of the batch's arrays
     * @param indices sample indices
     * @param pass whether to augment
     * @param seed augmentation seed; sample i uses a generator derived from (seed, i)
     */
    TrainingBatch load(NDManager manager, int[] indices, Pass pass, long seed);
}
