package org.infopro.classification.pretrained;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.CutPoint;
import org.infopro.core.weights.WeightGroup;

/**
 * torchvision's names for an ImageNet ResNet or ResNeXt ({@code resnet18} … {@code
 * resnext101_32x8d}): the stem is {@code conv1} and {@code bn1}, block {@code layerS.B} is {@code
 * layerS.B} (its {@code downsample} last, as our shortcut is), and the classifier is {@code fc}.
 */
public final class TorchvisionResNets {

    private TorchvisionResNets() {}

    /** The backbone's blocks by torchvision's names. */
    public static List<WeightGroup> backbone(Backbone backbone) {
        List<WeightGroup> groups = new ArrayList<>();
        List<Block> blocks = backbone.blocks();
        List<CutPoint> cuts = backbone.cutPoints();
        for (int i = 0; i < blocks.size(); i++) {
            String name = cuts.get(i).name();
            groups.add(
                    name.equals("stem")
                            ? new WeightGroup(name, blocks.get(i), List.of("conv1.", "bn1."))
                            : WeightGroup.same(name, blocks.get(i)));
        }
        return groups;
    }

    /** The backbone and the classification head ({@code fc}). */
    public static List<WeightGroup> classifier(Backbone backbone, Block head) {
        List<WeightGroup> groups = new ArrayList<>(backbone(backbone));
        groups.add(new WeightGroup("head", head, List.of("fc.")));
        return groups;
    }
}
