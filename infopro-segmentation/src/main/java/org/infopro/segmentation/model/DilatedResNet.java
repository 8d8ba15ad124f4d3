package org.infopro.segmentation.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.Map;
import org.infopro.core.model.SequentialBackbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.LambdaSchedule;

/**
 * mmsegmentation's ResNetV1c at output stride 8, the DeepLab-V3 backbone: a deep stem (three 3×3
 * convs, 32-32-64 channels scaled by the width, the first at stride 2) and a 3×3 max-pool, then
 * four stages with strides (1, 2, 1, 1) and dilations (1, 1, 2, 4). With contracted dilation the
 * first block of a dilated stage uses half its dilation. Bottleneck blocks (expansion 4) for depths
 * 50/101, basic blocks for 18.
 *
 * <p>Blocks are named {@code stem} and {@code layerS.B}; the last block of layer3 is tapped for the
 * auxiliary FCN head.
 */
public final class DilatedResNet extends SequentialBackbone {

    private static final int[] STRIDES = {1, 2, 1, 1};
    private static final int[] DILATIONS = {1, 1, 2, 4};

    /** Block layout of one depth. */
    public enum Depth {
        /** ResNet-18: basic blocks 2-2-2-2. */
        R18(new int[] {2, 2, 2, 2}, 1),
        /** ResNet-50: bottlenecks 3-4-6-3. */
        R50(new int[] {3, 4, 6, 3}, 4),
        /** ResNet-101: bottlenecks 3-4-23-3. */
        R101(new int[] {3, 4, 23, 3}, 4);

        final int[] blocks;
        final int expansion;

        Depth(int[] blocks, int expansion) {
            this.blocks = blocks;
            this.expansion = expansion;
        }
    }

    private final String layer3End;

    /**
     * @param name registry name
     * @param input per-sample input shape
     * @param depth block layout
     * @param width channels of the first stage before expansion (64 as published; less for the
     *     narrow CPU variants), which also scales the stem
     * @param splitTables published (or chosen) splits by table name and K
     * @param lambdas the λ schedule of every table
     */
    public DilatedResNet(
            String name,
            FeatureShape input,
            Depth depth,
            int width,
            Map<String, Map<Integer, List<String>>> splitTables,
            LambdaSchedule lambdas) {
        super(name, input, splitTables, lambdas);
        addResNetStem(
                new SequentialBlock()
                        .add(Layers.convBnRelu(width / 2, 3, 2, false))
                        .add(Layers.convBnRelu(width / 2, 3, 1, false))
                        .add(Layers.convBnRelu(width, 3, 1, false)),
                width);
        addResNetStages(
                depth.blocks,
                STRIDES,
                width,
                depth.expansion,
                (stage, b, in, planes, out, stride) -> {
                    int dilation =
                            b == 0 && DILATIONS[stage] > 1
                                    ? DILATIONS[stage] / 2
                                    : DILATIONS[stage];
                    return depth.expansion == 4
                            ? bottleneck(in, planes, out, stride, dilation)
                            : basic(in, out, stride, dilation);
                });
        layer3End = "layer3." + (depth.blocks[2] - 1);
    }

    /** 1×1 → 3×3 (stride, dilation) → 1×1 ×4, as torchvision's "pytorch" style. */
    private static Block bottleneck(int in, int planes, int out, int stride, int dilation) {
        SequentialBlock main =
                new SequentialBlock()
                        .add(Layers.convBnRelu(planes, 1, 1, false))
                        .add(Layers.conv(planes, 3, stride, dilation, false))
                        .add(Layers.batchNorm())
                        .add(ai.djl.nn.Activation.reluBlock())
                        .add(Layers.conv(out, 1, 1, false))
                        .add(Layers.batchNorm());
        return Layers.residual(main, Layers.shortcut(in, out, stride));
    }

    private static Block basic(int in, int out, int stride, int dilation) {
        SequentialBlock main =
                new SequentialBlock()
                        .add(Layers.conv(out, 3, stride, dilation, false))
                        .add(Layers.batchNorm())
                        .add(ai.djl.nn.Activation.reluBlock())
                        .add(Layers.conv(out, 3, 1, dilation, false))
                        .add(Layers.batchNorm());
        return Layers.residual(main, Layers.shortcut(in, out, stride));
    }

    /**
     * mmsegmentation's names: the deep stem is {@code stem.0} … {@code stem.7}, then {@code
     * layerS.B}.
     */
    @Override
    public List<org.infopro.core.weights.WeightGroup> weightGroups(String prefix) {
        return resNetWeightGroups(
                prefix, List.of("stem.0", "stem.1", "stem.3", "stem.4", "stem.6", "stem.7"));
    }

    /** The last block of layer3, read by the auxiliary FCN head. */
    @Override
    public List<String> taps() {
        return List.of(layer3End);
    }
}
