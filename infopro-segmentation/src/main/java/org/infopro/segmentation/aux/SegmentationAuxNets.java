package org.infopro.segmentation.aux;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.loss.Losses;
import org.infopro.core.nn.Dropout2d;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.nn.Resize;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.segmentation.data.SegmentationSet;

/**
 * The auxiliary nets of the paper's DeepLab-V3 experiments (INFOPRO.md §4.4), built from the
 * feature shape at the cut.
 *
 * <p>ψ: conv3×3(C→C/2, i.e. 1024→512 on ResNet-101's layer3)-BN-ReLU, channel dropout 0.1, conv1×1
 * to the classes; its logits are resized (bilinear, align corners) to the labels for a pixel
 * cross-entropy ignoring 255. The classifier depth of {@link AuxConfig} does not apply: the
 * segmentation ψ has one fixed shape.
 *
 * <p>w: {@link Layers#upsamplingDecoder} (conv1×1 to 128, ×2, conv3×3 to 32, ×2, conv3×3 to 12,
 * resize to the image, conv3×3 to 3); BCE against the restored image.
 */
public final class SegmentationAuxNets implements AuxNetFactory {

    @Override
    public Block decoder(FeatureShape features, FeatureShape image) {
        return Layers.upsamplingDecoder(features, image);
    }

    @Override
    public Block classifier(
            FeatureShape features, FeatureShape image, AuxConfig config, int outputs) {
        return new SequentialBlock()
                .add(Layers.convBnRelu(features.channels() / 2, 3, 1, true))
                .add(new Dropout2d(0.1f))
                .add(Layers.pixelClassifier(outputs));
    }

    /** Pixel cross-entropy of logits resized to the label map, ignoring 255. */
    @Override
    public NDArray classifierLoss(NDArray logits, TrainingBatch batch) {
        return pixelLoss(logits, batch.labels().head());
    }

    /** Labels are per pixel, not per image. */
    @Override
    public boolean hasSampleLabels() {
        return false;
    }

    /** Contrastive heads need one label per image, which segmentation does not have. */
    @Override
    public NDArray sampleLabels(TrainingBatch batch) {
        throw new UnsupportedOperationException(
                "Segmentation has no per-image labels for a contrastive head; use infopro-softmax");
    }

    /** Cross-entropy of (N, C, h, w) logits against (N, H, W) labels after resizing the logits. */
    public static NDArray pixelLoss(NDArray logits, NDArray labels) {
        long[] size = labels.getShape().getShape();
        NDArray resized = Resize.bilinearAlignCorners(logits, (int) size[1], (int) size[2]);
        return Losses.crossEntropy(resized, labels, SegmentationSet.IGNORE);
    }
}
