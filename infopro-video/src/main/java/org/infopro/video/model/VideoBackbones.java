package org.infopro.video.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infopro.core.config.RunConfig;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.spi.BackboneProvider;
import org.infopro.video.data.VideoOptions;

/**
 * Video backbones: {@code tsm-r50}, {@code tsm-r18} (published widths), {@code tsm-r18-narrow} (a
 * quarter of the widths, for CPU runs and tests) and the TSN baselines {@code tsn-…} (the same
 * networks without the shift). TSM backbones shift over the run's frames per clip ({@link
 * VideoOptions#segments}).
 *
 * <p>The papers publish no split of TSM, so the {@code infopro} table is this project's: cuts that
 * balance the modules' activation memory, which early, high-resolution blocks dominate. ResNet-50,
 * K=2: module 1 = stem + layer1; K=3: + layer1[0..1] | layer1[2] + layer2 | rest; K=4: stem +
 * layer1[0] | layer1[1..2] | layer2 | rest. ResNet-18 likewise at its stage boundaries. λ = (5,
 * 0.75), the paper's ImageNet ResNet-101 values, for every local module.
 */
public final class VideoBackbones implements BackboneProvider {

    private static final LambdaSchedule IMAGENET_LAMBDAS = LambdaSchedule.constant(5f, 0.75f);

    private static final Map<Integer, List<String>> R50_SPLITS =
            Map.of(
                    2, List.of("layer1.2"),
                    3, List.of("layer1.1", "layer2.3"),
                    4, List.of("layer1.0", "layer1.2", "layer2.3"));

    private static final Map<Integer, List<String>> R18_SPLITS =
            Map.of(
                    2, List.of("layer1.1"),
                    3, List.of("layer1.0", "layer2.1"),
                    4, List.of("layer1.0", "layer1.1", "layer2.1"));

    private static final Map<String, Variant> VARIANTS = new LinkedHashMap<>();

    static {
        for (boolean shift : new boolean[] {true, false}) {
            String prefix = shift ? "tsm-" : "tsn-";
            VARIANTS.put(prefix + "r50", new Variant(TsmResNet.Depth.R50, 64, shift, R50_SPLITS));
            VARIANTS.put(prefix + "r18", new Variant(TsmResNet.Depth.R18, 64, shift, R18_SPLITS));
            VARIANTS.put(
                    prefix + "r18-narrow", new Variant(TsmResNet.Depth.R18, 16, shift, R18_SPLITS));
        }
    }

    private record Variant(
            TsmResNet.Depth depth, int width, boolean shift, Map<Integer, List<String>> splits) {}

    @Override
    public Set<String> names() {
        return VARIANTS.keySet();
    }

    @Override
    public Backbone create(String name, FeatureShape input) {
        return create(name, input, RunConfig.defaults());
    }

    @Override
    public Backbone create(String name, FeatureShape input, RunConfig run) {
        Variant v = VARIANTS.get(name);
        if (v == null) {
            throw new IllegalArgumentException(
                    "Unknown video backbone '" + name + "'; known: " + VARIANTS.keySet());
        }
        return new TsmResNet(
                name,
                input,
                v.depth(),
                v.width(),
                v.shift() ? VideoOptions.of(run).segments() : 0,
                Map.of(SplitPlanner.PAPER, v.splits()),
                IMAGENET_LAMBDAS);
    }
}
