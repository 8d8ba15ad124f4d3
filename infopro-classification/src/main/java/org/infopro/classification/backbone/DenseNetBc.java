package org.infopro.classification.backbone;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.infopro.core.model.SequentialBackbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;

/**
 * DenseNet-BC for 32×32 images (Huang et al.): a 3×3 stem conv of 2·growth channels, three dense
 * blocks of (depth − 4)/6 bottleneck layers (BN-ReLU-conv1×1(4·growth)-BN-ReLU-conv3×3(growth),
 * concatenated to the input), transitions BN-ReLU-conv1×1 halving the channels then 2×2 average
 * pooling, and a final BN-ReLU before the classifier. DenseNet-BC-100-12 has 0.8 M parameters.
 *
 * <p>Blocks: {@code stem}, {@code dense1.0} …, {@code transition1}, …, {@code norm}; the paper
 * publishes no DenseNet split, so modules come from the planners.
 */
public final class DenseNetBc extends SequentialBackbone {

    /**
     * @param depth total depth (100 for DenseNet-BC-100); (depth − 4) must be divisible by 6
     * @param growth channels each layer adds (12)
     */
    public DenseNetBc(String name, FeatureShape input, int depth, int growth) {
        super(name, input);
        if ((depth - 4) % 6 != 0) {
            throw new IllegalArgumentException("DenseNet-BC depth must be 6n+4, got " + depth);
        }
        int layers = (depth - 4) / 6;
        int channels = 2 * growth;
        int h = input.height();
        int w = input.width();
        add("stem", Layers.conv(channels, 3, 1, false), new FeatureShape(channels, h, w));
        for (int stage = 1; stage <= 3; stage++) {
            for (int i = 0; i < layers; i++) {
                channels += growth;
                add(
                        "dense" + stage + "." + i,
                        denseLayer(growth),
                        new FeatureShape(channels, h, w));
            }
            if (stage < 3) {
                channels /= 2;
                h /= 2;
                w /= 2;
                add("transition" + stage, transition(channels), new FeatureShape(channels, h, w));
            }
        }
        add(
                "norm",
                new SequentialBlock().add(Layers.batchNorm()).add(Activation.reluBlock()),
                new FeatureShape(channels, h, w));
    }

    /** BN-ReLU-conv1×1(4k)-BN-ReLU-conv3×3(k), concatenated after its input. */
    static Block denseLayer(int growth) {
        Block branch =
                new SequentialBlock()
                        .add(Layers.batchNorm())
                        .add(Activation.reluBlock())
                        .add(Layers.conv(4 * growth, 1, 1, false))
                        .add(Layers.batchNorm())
                        .add(Activation.reluBlock())
                        .add(Layers.conv(growth, 3, 1, false));
        return new ParallelBlock(
                outputs ->
                        new NDList(
                                NDArrays.concat(
                                        new NDList(outputs.get(0).head(), outputs.get(1).head()),
                                        1)),
                List.of(Blocks.identityBlock(), branch));
    }

    /** BN-ReLU-conv1×1 to {@code out} channels, then 2×2 average pooling. */
    static Block transition(int out) {
        return new SequentialBlock()
                .add(Layers.batchNorm())
                .add(Activation.reluBlock())
                .add(Layers.conv(out, 1, 1, false))
                .add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
}
