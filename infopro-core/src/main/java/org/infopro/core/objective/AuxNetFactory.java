package org.infopro.core.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.nn.FeatureShape;

/**
 * Builds a task's auxiliary nets from the feature shape at a cut: the decoder w that reconstructs
 * the input, and the classifier ψ / projection head φ.
 *
 * <p>A task plugin supplies one of these for its kind of features, so local objectives stay
 * independent of the architecture they are attached to.
 */
public interface AuxNetFactory {

    /**
     * The decoder w: maps features to reconstruction <em>logits</em> of the input image (the final
     * sigmoid is folded into the BCE loss, which is the same value computed stably).
     *
     * @param features the feature shape at the cut
     * @param image the per-sample input shape to reconstruct
     */
    Block decoder(FeatureShape features, FeatureShape image);

    /**
     * The classifier ψ (outputs = number of classes) or projection head φ (outputs = projection
     * dimension); both share one architecture except the last layer.
     *
     * @param features the feature shape at the cut
     * @param image the per-sample input shape (the head downsamples high-resolution features)
     * @param config the head's depth
     * @param outputs width of the last layer
     */
    Block classifier(FeatureShape features, FeatureShape image, AuxConfig config, int outputs);

    /**
     * ψ's or φ's output per sample, from the output per row of the features: the identity, except
     * where a sample spans several rows (a video clip's frames are averaged into one prediction).
     */
    default NDArray perSample(NDArray outputs, TrainingBatch batch) {
        return outputs;
    }

    /**
     * Whether {@link #sampleLabels} has one label per sample. Dense tasks (pixel or box labels) do
     * not, so methods with a contrastive head are refused for them before any data is read.
     */
    default boolean hasSampleLabels() {
        return true;
    }

    /**
     * Per-sample labels of the batch used by contrastive heads and by the classifier's
     * cross-entropy: for image classification the class index of each sample.
     */
    default NDArray sampleLabels(TrainingBatch batch) {
        return batch.labels().head();
    }

    /**
     * The loss of ψ's output; by default cross-entropy of the {@link #perSample} logits against
     * {@link #sampleLabels}.
     */
    default NDArray classifierLoss(NDArray logits, TrainingBatch batch) {
        return org.infopro.core.loss.Losses.crossEntropy(
                perSample(logits, batch), sampleLabels(batch));
    }
}
