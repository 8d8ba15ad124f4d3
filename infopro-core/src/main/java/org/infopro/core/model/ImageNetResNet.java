package org.infopro.core.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.LambdaSchedule;

/**
 * An ImageNet-style ResNet (torchvision's): stem conv7×7/2 → BN → ReLU → max-pool 3×3/2, then four
 * stages with strides (1, 2, 2, 2); basic blocks for depths 18/34, bottlenecks for 50/101/152 with
 * the stride on the 3×3 (v1.5), optionally grouped as ResNeXt's. Each residual branch ends in a
 * BatchNorm whose γ starts at 0 (torchvision's {@code zero_init_residual}): the networks train from
 * scratch here, and blocks that start as the identity leave the loss plateau much sooner.
 *
 * <p>Blocks are named {@code stem} and {@code layerS.B}; any boundary can end a module. A task may
 * put a block at the start of every residual branch (TSM's temporal shift).
 */
public class ImageNetResNet extends SequentialBackbone {

    private static final int[] STRIDES = {1, 2, 2, 2};

    /** Block layout of one depth. */
    public enum Depth {
        R18(new int[] {2, 2, 2, 2}, 1),
        R34(new int[] {3, 4, 6, 3}, 1),
        R50(new int[] {3, 4, 6, 3}, 4),
        R101(new int[] {3, 4, 23, 3}, 4),
        R152(new int[] {3, 8, 36, 3}, 4);

        private final int[] blocks;
        private final int expansion;

        Depth(int[] blocks, int expansion) {
            this.blocks = blocks;
            this.expansion = expansion;
        }

        /** Blocks per stage. */
        public int[] blocks() {
            return blocks.clone();
        }

        /** Output channels of a stage over its inner width: 1 (basic) or 4 (bottleneck). */
        public int expansion() {
            return expansion;
        }
    }

    /**
     * ResNeXt's split of a bottleneck's 3×3 conv: {@code groups} paths of {@code widthPerGroup}
     * channels at the first stage (torchvision's {@code groups}, {@code width_per_group}); a plain
     * ResNet is one group of 64.
     */
    public record Cardinality(int groups, int widthPerGroup) {

        /** The plain ResNet bottleneck. */
        public static final Cardinality NONE = new Cardinality(1, 64);

        /** Inner width of a bottleneck whose plain width is {@code planes}. */
        int width(int planes) {
            return planes * widthPerGroup / 64 * groups;
        }
    }

    private final Depth depth;

    /** A plain ResNet (one group). See the full constructor. */
    public ImageNetResNet(
            String name,
            FeatureShape input,
            Depth depth,
            int width,
            Supplier<Block> branchStart,
            Map<String, Map<Integer, List<String>>> splitTables,
            LambdaSchedule lambdas) {
        this(name, input, depth, Cardinality.NONE, width, branchStart, splitTables, lambdas);
    }

    /**
     * @param name registry name
     * @param input per-sample input shape
     * @param depth block layout
     * @param cardinality the bottleneck's grouping (ResNeXt), {@link Cardinality#NONE} for ResNet
     * @param width channels of the stem and first stage before expansion (64 as published)
     * @param branchStart builds the block that starts every residual branch, or null for none
     * @param splitTables chosen splits by table name and K
     * @param lambdas the λ schedule of every table, or null
     */
    public ImageNetResNet(
            String name,
            FeatureShape input,
            Depth depth,
            Cardinality cardinality,
            int width,
            Supplier<Block> branchStart,
            Map<String, Map<Integer, List<String>>> splitTables,
            LambdaSchedule lambdas) {
        super(name, input, splitTables, lambdas);
        if (cardinality.groups() > 1 && depth.expansion != 4) {
            throw new IllegalArgumentException("Grouped convolutions need a bottleneck depth");
        }
        this.depth = depth;
        addResNetStem(
                new SequentialBlock()
                        .add(Layers.conv(width, 7, 2, false))
                        .add(Layers.batchNorm())
                        .add(Activation.reluBlock()),
                width);
        addResNetStages(
                depth.blocks,
                STRIDES,
                width,
                depth.expansion,
                (stage, b, in, planes, out, stride) -> {
                    SequentialBlock branch = new SequentialBlock();
                    if (branchStart != null) {
                        branch.add(branchStart.get());
                    }
                    if (depth.expansion == 4) {
                        int inner = cardinality.width(planes);
                        branch.add(Layers.convBnRelu(inner, 1, 1, false))
                                .add(Layers.groupedConv(inner, 3, stride, cardinality.groups()))
                                .add(Layers.batchNorm())
                                .add(Activation.reluBlock())
                                .add(Layers.conv(out, 1, 1, false))
                                .add(Layers.zeroGammaBatchNorm());
                    } else {
                        branch.add(Layers.convBnRelu(out, 3, stride, false))
                                .add(Layers.conv(out, 3, 1, false))
                                .add(Layers.zeroGammaBatchNorm());
                    }
                    return Layers.residual(branch, Layers.shortcut(in, out, stride));
                });
    }

    /** torchvision's names: the stem is {@code conv1} and {@code bn1}, then {@code layerS.B}. */
    @Override
    public List<org.infopro.core.weights.WeightGroup> weightGroups(String prefix) {
        return resNetWeightGroups(prefix, List.of("conv1", "bn1"));
    }

    /** torchvision's {@code fc}. */
    @Override
    public java.util.Optional<String> classifierName() {
        return java.util.Optional.of("fc");
    }

    /** The block layout. */
    public final Depth depth() {
        return depth;
    }

    /** The name of the last block of stage {@code s} (1-based), e.g. {@code layer3.5}. */
    public final String stageEnd(int s) {
        return "layer" + s + "." + (depth.blocks[s - 1] - 1);
    }
}
