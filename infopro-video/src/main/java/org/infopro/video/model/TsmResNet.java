package org.infopro.video.model;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.Map;
import org.infopro.core.model.FeatureShape;
import org.infopro.core.model.SequentialBackbone;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.LambdaSchedule;

/**
 * An ImageNet-style ResNet over frames folded into the batch (N·T, 3, H, W), with TSM's residual
 * shift: every residual branch starts with a {@link TemporalShift} (1/8 of the channels each way)
 * while the shortcut carries the unshifted features. Without the shift it is the TSN backbone, the
 * temporal baseline: the same network, frames processed independently.
 *
 * <p>Stem conv7×7/2 → BN → ReLU → max-pool 3×3/2, then four stages with strides (1, 2, 2, 2); basic
 * blocks for depth 18, bottlenecks (stride on the 3×3, torchvision's v1.5) for 50. Each branch ends
 * in a BatchNorm whose γ starts at 0 (torchvision's {@code zero_init_residual}): the networks train
 * from scratch here, and blocks that start as the identity leave the loss plateau much sooner.
 * Blocks are named {@code stem} and {@code layerS.B}; any boundary can end a module.
 */
public final class TsmResNet extends SequentialBackbone {

    private static final int[] STRIDES = {1, 2, 2, 2};

    /** Block layout of one depth. */
    public enum Depth {
        R18(new int[] {2, 2, 2, 2}, 1),
        R50(new int[] {3, 4, 6, 3}, 4);

        final int[] blocks;
        final int expansion;

        Depth(int[] blocks, int expansion) {
            this.blocks = blocks;
            this.expansion = expansion;
        }
    }

    /**
     * @param name registry name
     * @param frame per-frame input shape
     * @param depth block layout
     * @param width channels of the stem and first stage before expansion (64 as published)
     * @param segments frames per clip T; 0 builds TSN (no shift)
     * @param splitTables chosen splits by table name and K
     * @param lambdas the λ schedule of every table, or null
     */
    public TsmResNet(
            String name,
            FeatureShape frame,
            Depth depth,
            int width,
            int segments,
            Map<String, Map<Integer, List<String>>> splitTables,
            LambdaSchedule lambdas) {
        super(name, frame, splitTables, lambdas);
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
                    if (segments > 0) {
                        branch.add(new TemporalShift(segments, 8));
                    }
                    if (depth.expansion == 4) {
                        branch.add(Layers.convBnRelu(planes, 1, 1, false))
                                .add(Layers.convBnRelu(planes, 3, stride, false))
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
}
