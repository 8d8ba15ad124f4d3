package org.infopro.core.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;

/**
 * Layer constructors with the reference code's initialisation: convolutions He-normal with fan-out
 * ({@code N(0, sqrt(2/(k·k·out)))}), linear layers PyTorch's default {@code U(±1/sqrt(in))},
 * BatchNorm γ=1, β=0 (PyTorch momentum 0.1, ε 1e-5).
 */
public final class Layers {

    private Layers() {}

    /** A square convolution with padding k/2 (same size at stride 1). */
    public static Conv2d conv(int out, int kernel, int stride, boolean bias) {
        return conv(out, kernel, stride, 1, bias);
    }

    /** A square dilated convolution with padding dilation·k/2 (same size at stride 1). */
    public static Conv2d conv(int out, int kernel, int stride, int dilation, boolean bias) {
        return conv(out, kernel, stride, dilation, 1, bias);
    }

    /**
     * A square grouped convolution without bias (ResNeXt's cardinality; depthwise when {@code
     * groups} equals the channels), padding k/2.
     */
    public static Conv2d groupedConv(int out, int kernel, int stride, int groups) {
        return conv(out, kernel, stride, 1, groups, false);
    }

    private static Conv2d conv(
            int out, int kernel, int stride, int dilation, int groups, boolean bias) {
        int pad = dilation * (kernel / 2);
        Conv2d conv =
                Conv2d.builder()
                        .setFilters(out)
                        .setKernelShape(new Shape(kernel, kernel))
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(pad, pad))
                        .optDilation(new Shape(dilation, dilation))
                        .optGroups(groups)
                        .optBias(bias)
                        .build();
        conv.setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.OUT,
                        2f),
                Parameter.Type.WEIGHT);
        return conv;
    }

    /**
     * A 1×1 convolution to per-pixel class logits with weights drawn from N(0, 0.01²) and zero
     * bias, as mmsegmentation initialises {@code conv_seg}: the first losses are then near
     * log(classes) instead of blowing up on deep, wide features.
     */
    public static Conv2d pixelClassifier(int classes) {
        Conv2d conv = conv(classes, 1, 1, true);
        conv.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
        return conv;
    }

    /** Batch normalisation over channels. */
    public static BatchNorm batchNorm() {
        return BatchNorm.builder().build();
    }

    /**
     * BatchNorm whose scale γ starts at 0: ending a residual branch, it makes the block start as
     * the identity (torchvision's {@code zero_init_residual}), which speeds up training from
     * scratch.
     */
    public static BatchNorm zeroGammaBatchNorm() {
        BatchNorm bn = batchNorm();
        bn.setInitializer(
                new ai.djl.training.initializer.ConstantInitializer(0f), Parameter.Type.GAMMA);
        return bn;
    }

    /** conv → BN → ReLU. */
    public static SequentialBlock convBnRelu(int out, int kernel, int stride, boolean bias) {
        return new SequentialBlock()
                .add(conv(out, kernel, stride, bias))
                .add(batchNorm())
                .add(Activation.reluBlock());
    }

    /** A fully-connected layer with PyTorch's default initialisation. */
    public static Linear linear(int in, int out) {
        Linear linear = Linear.builder().setUnits(out).build();
        UniformInitializer bound = new UniformInitializer((float) (1 / Math.sqrt(in)));
        linear.setInitializer(bound, Parameter.Type.WEIGHT);
        linear.setInitializer(bound, Parameter.Type.BIAS);
        return linear;
    }

    /** {@code relu(main(x) + shortcut(x))}: a residual block. */
    public static Block residual(Block main, Block shortcut) {
        return new ParallelBlock(
                branches ->
                        new NDList(
                                Activation.relu(
                                        branches.get(0).head().add(branches.get(1).head()))),
                List.of(main, shortcut));
    }

    /**
     * The shortcut of a residual block: identity when the shape is kept, else a 1×1 conv (with the
     * block's stride) and BN, as torchvision's ResNets project.
     */
    public static Block shortcut(int in, int out, int stride) {
        return stride != 1 || in != out
                ? new SequentialBlock().add(conv(out, 1, stride, false)).add(batchNorm())
                : Blocks.identityBlock();
    }

    /** Global average pooling to a (N, C) matrix. */
    public static Block globalAveragePool() {
        return new SequentialBlock()
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock());
    }

    /** Bilinear resize (align corners) of the spatial axes to a fixed size. */
    public static Block resize(int height, int width) {
        return LambdaBlock.singleton(x -> Resize.bilinearAlignCorners(x, height, width), "resize");
    }

    /**
     * The decoder w of the paper's ImageNet and Cityscapes experiments, anchored to the image:
     * conv1×1(→128)-BN-ReLU on the features, bilinear upsampling (aligned corners) to a quarter of
     * the image, conv3×3(→32)-BN-ReLU, upsampling to half the image, conv3×3(→12)-BN-ReLU,
     * upsampling to the image, conv3×3(→image channels, bias); the final sigmoid lives in the BCE.
     * On stride-8 features (the paper's cuts) this is exactly the published ×2, ×2, ×2 decoder; on
     * stride-4 features it keeps the same widths per image scale (the first upsampling drops out)
     * rather than carrying 32 channels at half and 12 at full resolution.
     */
    public static Block upsamplingDecoder(FeatureShape features, FeatureShape image) {
        int quarterH = quarter(image.height());
        int quarterW = quarter(image.width());
        boolean atQuarter = features.height() == quarterH && features.width() == quarterW;
        SequentialBlock decoder = new SequentialBlock().add(convBnRelu(128, 1, 1, false));
        if (!atQuarter) {
            decoder.add(resize(quarterH, quarterW));
        }
        return decoder.add(convBnRelu(32, 3, 1, false))
                .add(resize(half(image.height()), half(image.width())))
                .add(convBnRelu(12, 3, 1, false))
                .add(resize(image.height(), image.width()))
                .add(conv(image.channels(), 3, 1, true));
    }

    private static int quarter(int size) {
        return Math.max(1, Math.round(size / 4f));
    }

    private static int half(int size) {
        return Math.max(1, Math.round(size / 2f));
    }
}
