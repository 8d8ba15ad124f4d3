package org.infopro.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.infopro.core.nn.Scalars;

/**
 * The losses of local learning, with PyTorch's semantics: softmax cross-entropy, binary
 * cross-entropy of a sigmoid output, and the supervised contrastive loss (SupCon).
 */
public final class Losses {

    private Losses() {}

    /**
     * Mean softmax cross-entropy: {@code F.cross_entropy(logits, labels)}.
     *
     * @param logits (N, C) scores
     * @param labels (N) class indices
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray index = labels.toType(DataType.INT64, false).reshape(-1, 1);
        return logits.logSoftmax(1).gather(index, 1).neg().mean();
    }

    /**
     * Mean pixel-wise cross-entropy ignoring one label value: {@code F.cross_entropy(logits,
     * labels, ignore_index=ignore)}. DJL's softmax loss has no ignore index.
     *
     * @param logits (N, C, H, W) scores
     * @param labels (N, H, W) class indices, {@code ignore} where unlabelled
     * @param ignore the label value to leave out (255 in segmentation datasets)
     * @return the mean over labelled pixels (0 when none is labelled)
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels, int ignore) {
        NDArray index = labels.toType(DataType.INT64, false);
        NDArray valid = index.neq(ignore);
        // Ignored pixels point at class 0 so that gather stays in range; the mask removes them.
        NDArray safe = index.mul(valid.toType(DataType.INT64, false));
        NDArray nll = logits.logSoftmax(1).gather(safe.expandDims(1), 1).squeeze(1).neg();
        NDArray weight = valid.toType(DataType.FLOAT32, false);
        return nll.mul(weight).sum().div(weight.sum().maximum(1f));
    }

    /**
     * Mean binary cross-entropy between {@code sigmoid(logits)} and targets in [0, 1], i.e. {@code
     * BCELoss(Sigmoid(z), t)} computed stably as {@code max(z,0) - z·t + log(1+e^{-|z|})}.
     */
    public static NDArray binaryCrossEntropyWithLogits(NDArray logits, NDArray targets) {
        NDArray positive = Scalars.maximum(logits, 0f);
        NDArray softplus = logits.abs().neg().exp().add(1f).log();
        return positive.sub(logits.mul(targets)).add(softplus).mean();
    }

    /**
     * Supervised contrastive loss (Khosla et al. 2020, one view per sample, contrast mode "all"),
     * as the reference code computes it.
     *
     * <p>For anchor i with positives P(i) = {p ≠ i : y_p = y_i}: {@code -(τ/τ_base)/|P(i)| Σ_p
     * log(exp(z_i·z_p/τ) / Σ_{a≠i} exp(z_i·z_a/τ))}, averaged over all anchors; an anchor without
     * positives contributes 0 (its count is taken as 1).
     *
     * @param features (N, D) embeddings, already L2-normalised
     * @param labels (N) class indices
     * @param temperature τ
     * @param baseTemperature τ_base (the reference uses τ_base = τ = 0.07)
     */
    public static NDArray supervisedContrastive(
            NDArray features, NDArray labels, float temperature, float baseTemperature) {
        NDManager manager = features.getManager();
        long n = features.getShape().get(0);
        NDArray similarity = Scalars.div(features.matMul(features.transpose()), temperature);
        // Shift by the row maximum for stability; the shift cancels inside the log-ratio.
        NDArray logits = similarity.sub(similarity.max(new int[] {1}, true).stopGradient());
        NDArray notSelf = manager.eye((int) n).neg().add(1f);
        NDArray y = labels.toType(DataType.FLOAT32, false).reshape(-1, 1);
        NDArray positives = y.eq(y.transpose()).toType(DataType.FLOAT32, false).mul(notSelf);
        NDArray denominator = logits.exp().mul(notSelf).sum(new int[] {1}, true).log();
        NDArray logProb = logits.sub(denominator);
        NDArray positiveCount = positives.sum(new int[] {1}).maximum(1f);
        NDArray meanLogProbPositive = positives.mul(logProb).sum(new int[] {1}).div(positiveCount);
        return Scalars.mul(meanLogProbPositive, -temperature / baseTemperature).mean();
    }
}
