package org.infopro.classification.backbone;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.infopro.classification.aux.EfficientNetAuxNets;
import org.infopro.core.model.SequentialBackbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.weights.WeightGroup;

/**
 * EfficientNet-B0 (Tan &amp; Le), as torchvision's {@code efficientnet_b0}: a
 * conv3×3/2(32)-BN-Swish stem, seven stages of MBConv blocks, and a conv1×1(1280)-BN-Swish head
 * before pooling; 5.3 M parameters with the 1000-way classifier. Stochastic depth and the
 * classifier's dropout are left out. Blocks: {@code stem}, {@code stageS.B}, {@code head}; local
 * modules learn through MBConv and Swish auxiliary nets.
 */
public final class EfficientNet extends SequentialBackbone {

    /** B0's stages: expansion, kernel, stride, output channels, blocks. */
    private static final int[][] B0 = {
        {1, 3, 1, 16, 1},
        {6, 3, 2, 24, 2},
        {6, 5, 2, 40, 2},
        {6, 3, 2, 80, 3},
        {6, 5, 1, 112, 3},
        {6, 5, 2, 192, 4},
        {6, 3, 1, 320, 1}
    };

    private static final AuxNetFactory AUX_NETS = new EfficientNetAuxNets();

    /** EfficientNet {@code name} (e.g. {@code efficientnet-b0}) for this input shape. */
    public EfficientNet(String name, FeatureShape input) {
        super(name, input);
        int channels = 32;
        int h = (input.height() + 1) / 2;
        int w = (input.width() + 1) / 2;
        add("stem", MobileBlocks.convBnSwish(channels, 3, 2, 1), new FeatureShape(channels, h, w));
        for (int s = 0; s < B0.length; s++) {
            int[] stage = B0[s];
            for (int b = 0; b < stage[4]; b++) {
                int stride = b == 0 ? stage[2] : 1;
                h = (h + stride - 1) / stride;
                w = (w + stride - 1) / stride;
                add(
                        "stage" + (s + 1) + "." + b,
                        MobileBlocks.mbConv(channels, stage[3], stage[0], stage[1], stride),
                        new FeatureShape(stage[3], h, w));
                channels = stage[3];
            }
        }
        add("head", MobileBlocks.convBnSwish(1280, 1, 1, 1), new FeatureShape(1280, h, w));
    }

    /**
     * torchvision's names, matched in order within each block: the stem is {@code features.0},
     * block {@code stageS.B} is {@code features.S.B} (expansion, depthwise, squeeze-excitation,
     * projection), the head conv {@code features.8}.
     */
    @Override
    public List<WeightGroup> weightGroups(String prefix) {
        List<WeightGroup> groups = new ArrayList<>();
        for (int i = 0; i < blocks().size(); i++) {
            String name = cutPoints().get(i).name();
            String source =
                    switch (name) {
                        case "stem" -> "features.0.";
                        case "head" -> "features.8.";
                        default -> "features." + name.substring("stage".length()) + ".";
                    };
            groups.add(new WeightGroup(name, blocks().get(i), List.of(prefix + source)));
        }
        return groups;
    }

    /** The reference's classifier, {@code classifier.1}. */
    @Override
    public java.util.Optional<String> classifierName() {
        return java.util.Optional.of("classifier.1");
    }

    @Override
    public Optional<AuxNetFactory> auxNets() {
        return Optional.of(AUX_NETS);
    }
}
