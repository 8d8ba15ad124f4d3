package org.infopro.classification.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.infopro.core.nn.Layers;

/**
 * EfficientNet's building blocks as torchvision builds them: Swish (SiLU), conv-BN-Swish, squeeze
 * and excitation, and the mobile inverted bottleneck (MBConv).
 */
public final class MobileBlocks {

    private MobileBlocks() {}

    /** {@code x·sigmoid(x)}, written out so that no Java-side constant enters autograd. */
    public static Block swish() {
        return LambdaBlock.singleton(x -> x.mul(Activation.sigmoid(x)), "swish");
    }

    /** conv (bias-free, padding k/2, optionally grouped) → BN → Swish. */
    public static SequentialBlock convBnSwish(int out, int kernel, int stride, int groups) {
        return new SequentialBlock()
                .add(Layers.groupedConv(out, kernel, stride, groups))
                .add(Layers.batchNorm())
                .add(swish());
    }

    /**
     * Squeeze and excitation: global average pool, conv1×1(→squeeze, bias)-Swish, conv1×1(→
     * channels, bias)-sigmoid, and the input scaled channel-wise by the result.
     */
    public static Block squeezeExcite(int channels, int squeeze) {
        Block gate =
                new SequentialBlock()
                        .add(Pool.globalAvgPool2dBlock())
                        .add(
                                LambdaBlock.singleton(
                                        x -> x.reshape(x.getShape().get(0), channels, 1, 1),
                                        "unflatten"))
                        .add(Layers.conv(squeeze, 1, 1, true))
                        .add(swish())
                        .add(Layers.conv(channels, 1, 1, true))
                        .add(Activation.sigmoidBlock());
        return new ParallelBlock(
                branches -> new NDList(branches.get(0).head().mul(branches.get(1).head())),
                List.of(Blocks.identityBlock(), gate));
    }

    /**
     * MBConv: conv1×1 expansion by {@code expand} (none at 1) → depthwise k×k with the stride →
     * squeeze-excitation to a quarter of the input channels → conv1×1 projection with BN and no
     * activation; residual when the shape is kept.
     */
    public static Block mbConv(int in, int out, int expand, int kernel, int stride) {
        int hidden = in * expand;
        SequentialBlock main = new SequentialBlock();
        if (expand != 1) {
            main.add(convBnSwish(hidden, 1, 1, 1));
        }
        main.add(convBnSwish(hidden, kernel, stride, hidden))
                .add(squeezeExcite(hidden, Math.max(1, in / 4)))
                .add(Layers.conv(out, 1, 1, false))
                .add(Layers.batchNorm());
        if (stride != 1 || in != out) {
            return main;
        }
        return new ParallelBlock(
                branches -> new NDList(branches.get(0).head().add(branches.get(1).head())),
                List.of(main, Blocks.identityBlock()));
    }
}
