package org.infopro.detection.aux;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.loss.Losses;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.nn.Resize;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.detection.data.DetectionTargets;

/**
 * The auxiliary nets of a detector's local modules (see the package description for ψ's targets).
 *
 * <p>w: the paper's upsampling decoder — conv1×1 (→128)-BN-ReLU, upsampling to a quarter of the
 * image, conv3×3 (→32)-BN-ReLU, ×2, conv3×3 (→12)-BN-ReLU, ×2, conv3×3 to the image's channels.
 * Detection inputs vary in size, so the upsampling goes by factors of the features' stride rather
 * than to a fixed size (inputs are padded to a multiple of 32, so the factors are exact).
 *
 * <p>ψ: conv3×3 (C→C)-BN-ReLU, conv1×1 to classes + 1 logits per location (background last), a
 * cross-entropy ignoring undecided locations. Contrastive heads need one label per sample, which
 * detection does not have: use {@code infopro-softmax}.
 */
public final class DetectionAuxNets implements AuxNetFactory {

    /** Label of locations ψ is not trained on. */
    public static final int IGNORE = 255;

    @Override
    public Block decoder(FeatureShape features, FeatureShape image) {
        int stride = image.height() / features.height();
        if (stride < 4 || image.height() % features.height() != 0) {
            throw new IllegalArgumentException(
                    "the decoder needs features at a stride of 4 or more, got "
                            + features
                            + " for input "
                            + image);
        }
        SequentialBlock decoder = new SequentialBlock().add(Layers.convBnRelu(128, 1, 1, false));
        if (stride > 4) {
            decoder.add(upsample(stride / 4));
        }
        return decoder.add(Layers.convBnRelu(32, 3, 1, false))
                .add(upsample(2))
                .add(Layers.convBnRelu(12, 3, 1, false))
                .add(upsample(2))
                .add(Layers.conv(image.channels(), 3, 1, true));
    }

    private static Block upsample(int factor) {
        return LambdaBlock.singleton(
                x -> {
                    Shape s = x.getShape();
                    return Resize.bilinearAlignCorners(
                            x, (int) s.get(2) * factor, (int) s.get(3) * factor);
                },
                "upsample" + factor);
    }

    @Override
    public Block classifier(
            FeatureShape features, FeatureShape image, AuxConfig config, int outputs) {
        return new SequentialBlock()
                .add(Layers.convBnRelu(features.channels(), 3, 1, false))
                .add(Layers.pixelClassifier(outputs + 1));
    }

    @Override
    public NDArray classifierLoss(NDArray logits, TrainingBatch batch) {
        Shape s = logits.getShape();
        int stride = (int) (batch.input().getShape().get(2) / s.get(2));
        NDArray labels =
                locationLabels(
                        DetectionTargets.of(batch.labels()),
                        (int) s.get(2),
                        (int) s.get(3),
                        stride,
                        (int) s.get(1) - 1);
        return Losses.crossEntropy(logits, labels, IGNORE);
    }

    /** Labels are per box, not per image. */
    @Override
    public boolean hasSampleLabels() {
        return false;
    }

    @Override
    public NDArray sampleLabels(TrainingBatch batch) {
        throw new UnsupportedOperationException(
                "Detection has no per-image labels for a contrastive head; use infopro-softmax");
    }

    /**
     * ψ's targets (N, h, w) int64: a class, {@code background} or {@link #IGNORE}.
     *
     * @param stride image pixels per location
     * @param background the background label (the number of classes)
     */
    public static NDArray locationLabels(
            DetectionTargets targets, int h, int w, int stride, int background) {
        NDManager m = targets.boxes().getManager();
        float half = stride / 2f;
        // Location centres (1, 1, h, 1) and (1, 1, 1, w); object fields (N, G, 1, 1).
        NDArray cy = m.arange(0, h).toType(DataType.FLOAT32, false).add(0.5f).mul(stride);
        NDArray cx = m.arange(0, w).toType(DataType.FLOAT32, false).add(0.5f).mul(stride);
        cy = cy.reshape(1, 1, h, 1);
        cx = cx.reshape(1, 1, 1, w);
        NDArray boxes = targets.boxes();
        NDArray x1 = field(boxes, 0);
        NDArray y1 = field(boxes, 1);
        NDArray x2 = field(boxes, 2);
        NDArray y2 = field(boxes, 3);
        NDArray classes = targets.classes().expandDims(2).expandDims(3);
        NDArray present = classes.gte(0);
        NDArray crowd = targets.crowd().expandDims(2).expandDims(3).gt(0);
        NDArray solid = present.logicalAnd(crowd.logicalNot());
        NDArray inside =
                within(cx, x1.add(half), x2.sub(half))
                        .logicalAnd(within(cy, y1.add(half), y2.sub(half)))
                        .logicalAnd(solid);
        NDArray touching =
                within(cx, x1.sub(half), x2.add(half))
                        .logicalAnd(within(cy, y1.sub(half), y2.add(half)))
                        .logicalAnd(present);
        NDArray classF = classes.toType(DataType.FLOAT32, false);
        float none = background + 1;
        NDArray solidTouch = touching.logicalAnd(solid);
        NDArray insideMin = choose(inside, classF, none).min(new int[] {1});
        NDArray touchMin = choose(solidTouch, classF, none).min(new int[] {1});
        NDArray touchMax = choose(solidTouch, classF, -1f).max(new int[] {1});
        NDArray crowdNear = anyObject(touching.logicalAnd(crowd));
        NDArray clear = anyObject(touching).logicalNot();
        NDArray single =
                insideMin
                        .lt(none)
                        .logicalAnd(insideMin.eq(touchMin))
                        .logicalAnd(insideMin.eq(touchMax))
                        .logicalAnd(crowdNear.logicalNot());
        NDArray labels = choose(single, insideMin, IGNORE);
        labels = choose(clear, labels.zerosLike().add(background), labels);
        return labels.toType(DataType.INT64, false);
    }

    /** One coordinate of every object as (N, G, 1, 1). */
    private static NDArray field(NDArray boxes, int index) {
        return boxes.get(new ai.djl.ndarray.index.NDIndex(":, :, {}", index))
                .expandDims(2)
                .expandDims(3);
    }

    /** {@code condition ? value : otherwise}, broadcasting (DJL's where does not broadcast). */
    private static NDArray choose(NDArray condition, NDArray value, float otherwise) {
        NDArray c = condition.toType(DataType.FLOAT32, false);
        return value.sub(otherwise).mul(c).add(otherwise);
    }

    private static NDArray choose(NDArray condition, NDArray value, NDArray otherwise) {
        NDArray c = condition.toType(DataType.FLOAT32, false);
        return value.sub(otherwise).mul(c).add(otherwise);
    }

    /** Whether any object (axis 1) is true, per location. */
    private static NDArray anyObject(NDArray flags) {
        return flags.toType(DataType.FLOAT32, false).max(new int[] {1}).gt(0);
    }

    private static NDArray within(NDArray centre, NDArray low, NDArray high) {
        return centre.gt(low).logicalAnd(centre.lt(high));
    }
}
