package org.infopro.segmentation.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.spi.BackboneProvider;

/**
 * DeepLab-V3 backbones: {@code deeplabv3-r101-d8}, {@code deeplabv3-r50-d8}, {@code
 * deeplabv3-r18-d8} (published widths) and {@code deeplabv3-r18-d8-narrow} (a quarter of the
 * widths, for CPU runs and tests).
 *
 * <p>The paper's K=2 split of ResNet-101 ends module 1 after layer3[12] (13 of layer3's 23 blocks);
 * the other depths get the analogous cut (ResNet-50 after layer3[3] of 6, ResNet-18 after layer3[0]
 * of 2) — a choice of this project. λ = (1.5, 1), the paper's Cityscapes 512×1024 values.
 */
public final class DeepLabBackbones implements BackboneProvider {

    private static final LambdaSchedule CITYSCAPES_LAMBDAS = LambdaSchedule.constant(1.5f, 1f);

    private static final Map<String, Variant> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("deeplabv3-r101-d8", new Variant(DilatedResNet.Depth.R101, 64, "layer3.12"));
        VARIANTS.put("deeplabv3-r50-d8", new Variant(DilatedResNet.Depth.R50, 64, "layer3.3"));
        VARIANTS.put("deeplabv3-r18-d8", new Variant(DilatedResNet.Depth.R18, 64, "layer3.0"));
        VARIANTS.put(
                "deeplabv3-r18-d8-narrow", new Variant(DilatedResNet.Depth.R18, 16, "layer3.0"));
    }

    private record Variant(DilatedResNet.Depth depth, int width, String k2End) {}

    @Override
    public Set<String> names() {
        return VARIANTS.keySet();
    }

    @Override
    public Backbone create(String name, FeatureShape input) {
        Variant v = VARIANTS.get(name);
        if (v == null) {
            throw new IllegalArgumentException(
                    "Unknown DeepLab backbone '" + name + "'; known: " + VARIANTS.keySet());
        }
        return new DilatedResNet(
                name,
                input,
                v.depth(),
                v.width(),
                Map.of(SplitPlanner.PAPER, Map.of(2, List.of(v.k2End()))),
                CITYSCAPES_LAMBDAS);
    }
}
