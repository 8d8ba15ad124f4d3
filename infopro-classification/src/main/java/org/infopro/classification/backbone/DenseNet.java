package org.infopro.classification.backbone;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.model.SequentialBackbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.weights.WeightGroup;

/**
 * torchvision's ImageNet DenseNets ({@code densenet121}: blocks 6-12-24-16, growth 32): a
 * conv7×7/2(64)-BN-ReLU-max-pool stem, four dense blocks of DenseNet-BC layers with halving
 * transitions between them, and a final BN-ReLU before the classifier; 8.0 M parameters with the
 * 1000-way classifier. Blocks: {@code stem}, {@code dense1.0} …, {@code transition1} …, {@code
 * norm}.
 */
public final class DenseNet extends SequentialBackbone {

    private static final List<String> BN = List.of("weight", "bias", "running_mean", "running_var");

    /**
     * @param blocks layers per dense block (6, 12, 24, 16 for DenseNet-121)
     * @param growth channels each layer adds (32)
     */
    public DenseNet(String name, FeatureShape input, int[] blocks, int growth) {
        super(name, input);
        int channels = 2 * growth;
        int h = ((input.height() + 1) / 2 + 1) / 2;
        int w = ((input.width() + 1) / 2 + 1) / 2;
        add(
                "stem",
                new SequentialBlock()
                        .add(Layers.conv(channels, 7, 2, false))
                        .add(Layers.batchNorm())
                        .add(Activation.reluBlock())
                        .add(
                                Pool.maxPool2dBlock(
                                        new Shape(3, 3), new Shape(2, 2), new Shape(1, 1))),
                new FeatureShape(channels, h, w));
        for (int b = 1; b <= blocks.length; b++) {
            for (int i = 0; i < blocks[b - 1]; i++) {
                channels += growth;
                add(
                        "dense" + b + "." + i,
                        DenseNetBc.denseLayer(growth),
                        new FeatureShape(channels, h, w));
            }
            if (b < blocks.length) {
                channels /= 2;
                h /= 2;
                w /= 2;
                add(
                        "transition" + b,
                        DenseNetBc.transition(channels),
                        new FeatureShape(channels, h, w));
            }
        }
        add(
                "norm",
                new SequentialBlock().add(Layers.batchNorm()).add(Activation.reluBlock()),
                new FeatureShape(channels, h, w));
    }

    /**
     * torchvision's names: {@code features.conv0}/{@code norm0}, {@code
     * features.denseblockB.denselayerL.{norm1,conv1,norm2,conv2}}, {@code
     * features.transitionB.{norm,conv}}, {@code features.norm5}; the classifier is {@code
     * classifier}.
     */
    @Override
    public List<WeightGroup> weightGroups(String prefix) {
        List<WeightGroup> groups = new ArrayList<>();
        for (int i = 0; i < blocks().size(); i++) {
            String block = cutPoints().get(i).name();
            String module;
            List<String> names = new ArrayList<>();
            if (block.equals("stem")) {
                module = prefix + "features.";
                names.add(module + "conv0.weight");
                bn(names, module + "norm0.");
            } else if (block.startsWith("dense")) {
                String[] at = block.substring("dense".length()).split("\\.");
                module =
                        prefix
                                + "features.denseblock"
                                + at[0]
                                + ".denselayer"
                                + (Integer.parseInt(at[1]) + 1)
                                + ".";
                bn(names, module + "norm1.");
                names.add(module + "conv1.weight");
                bn(names, module + "norm2.");
                names.add(module + "conv2.weight");
            } else if (block.startsWith("transition")) {
                module = prefix + "features." + block + ".";
                bn(names, module + "norm.");
                names.add(module + "conv.weight");
            } else {
                module = prefix + "features.norm5.";
                bn(names, module);
            }
            groups.add(new WeightGroup(block, blocks().get(i), List.of(module), names));
        }
        return groups;
    }

    /** The reference's classifier, {@code classifier}. */
    @Override
    public java.util.Optional<String> classifierName() {
        return java.util.Optional.of("classifier");
    }

    private static void bn(List<String> names, String module) {
        BN.forEach(p -> names.add(module + p));
    }
}
