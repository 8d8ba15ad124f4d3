package org.infopro.classification.backbone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.infopro.classification.aux.ImageNetAuxNets;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.ImageNetResNet;
import org.infopro.core.model.ImageNetResNet.Cardinality;
import org.infopro.core.model.ImageNetResNet.Depth;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.spi.BackboneProvider;

/**
 * torchvision's ImageNet ResNets and ResNeXts at their published widths, with the paper's ImageNet
 * auxiliary nets (INFOPRO.md §4.3). Where the paper gives an InfoPro* K=2 split (ResNet-101,
 * ResNet-152, ResNeXt-101 32×8d: module 1 = stem + layer1 + layer2[0..k], §3.3) it is the {@code
 * infopro*} table with the released λ; every other K and depth is planned.
 */
public final class ImageNetClassifiers implements BackboneProvider {

    /** One published network. */
    private record Variant(
            Depth depth, Cardinality cardinality, int k2End, LambdaSchedule lambdas) {

        static Variant plain(Depth depth) {
            return new Variant(depth, Cardinality.NONE, -1, null);
        }
    }

    private static final Map<String, Variant> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("resnet18", Variant.plain(Depth.R18));
        VARIANTS.put("resnet34", Variant.plain(Depth.R34));
        VARIANTS.put("resnet50", Variant.plain(Depth.R50));
        VARIANTS.put(
                "resnet101",
                new Variant(Depth.R101, Cardinality.NONE, 0, new LambdaSchedule(5, 0.75f, 0, 0)));
        VARIANTS.put(
                "resnet152",
                new Variant(Depth.R152, Cardinality.NONE, 5, new LambdaSchedule(5, 1, 0, 0)));
        VARIANTS.put("resnext50-32x4d", new Variant(Depth.R50, new Cardinality(32, 4), -1, null));
        VARIANTS.put("resnext101-32x4d", new Variant(Depth.R101, new Cardinality(32, 4), -1, null));
        VARIANTS.put(
                "resnext101-32x8d",
                new Variant(
                        Depth.R101, new Cardinality(32, 8), 2, new LambdaSchedule(5, 0.75f, 0, 0)));
    }

    @Override
    public Set<String> names() {
        return VARIANTS.keySet();
    }

    @Override
    public Backbone create(String name, FeatureShape input) {
        Variant v = VARIANTS.get(name);
        if (v == null) {
            throw new IllegalArgumentException(
                    "Unknown ImageNet network '" + name + "'; known: " + VARIANTS.keySet());
        }
        Map<String, Map<Integer, List<String>>> tables =
                v.k2End < 0
                        ? Map.of()
                        : Map.of(
                                SplitPlanner.MEMORY_BALANCED,
                                Map.of(2, List.of("layer2." + v.k2End)));
        return new Classifier(name, input, v, tables);
    }

    /** An ImageNet ResNet that learns locally through the ImageNet auxiliary nets. */
    private static final class Classifier extends ImageNetResNet {

        private static final AuxNetFactory AUX_NETS = new ImageNetAuxNets();

        Classifier(
                String name,
                FeatureShape input,
                Variant v,
                Map<String, Map<Integer, List<String>>> tables) {
            super(name, input, v.depth, v.cardinality, 64, null, tables, v.lambdas);
        }

        @Override
        public Optional<AuxNetFactory> auxNets() {
            return Optional.of(AUX_NETS);
        }
    }
}
