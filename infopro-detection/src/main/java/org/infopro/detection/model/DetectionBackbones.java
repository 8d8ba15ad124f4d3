package org.infopro.detection.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.ImageNetResNet.Depth;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.spi.BackboneProvider;

/**
 * Detectors by mmdetection's model names: {@code faster_rcnn_r50_fpn}, {@code mask_rcnn_r50_fpn},
 * the R101 versions, and {@code faster_rcnn_r18n_fpn} / {@code mask_rcnn_r18n_fpn}: a ResNet-18 of
 * a quarter of the widths with the {@link DetectorSpec#narrow} heads, for CPU runs and tests.
 *
 * <p>The papers publish no detection split, so the {@code infopro} table is this project's, chosen
 * by measured peak memory: the last module carries the FPN and both heads, so with K=2 it starts at
 * layer3 (module 1 = stem + layer1 + layer2; R50-FPN at 512 px: 0.61× E2E's peak, against 0.76×
 * when module 1 ends after layer1); K=3: stem + layer1[0..1] | layer1[2] + layer2 | rest; K=4
 * splits layer1 once more.
 *
 * <p>λ = (0.5, 1): the FPN reads C2 and C3 straight from module 1, so module 1's features must
 * already separate the classes, and from scratch the reconstruction term crowds that out. On the
 * quick suite's budget (Faster R-CNN, 2 epochs) box AP was 1.4 with the paper's ImageNet values (5,
 * 0.75), 3.5 with (0.5, 1), against 4.8 for E2E and 2.5 for DGL.
 */
public final class DetectionBackbones implements BackboneProvider {

    private static final LambdaSchedule LAMBDAS = LambdaSchedule.constant(0.5f, 1f);

    private static final Map<Integer, List<String>> BOTTLENECK_SPLITS =
            Map.of(
                    2, List.of("layer2.3"),
                    3, List.of("layer1.1", "layer2.3"),
                    4, List.of("layer1.0", "layer1.2", "layer2.3"));

    private static final Map<Integer, List<String>> BASIC_SPLITS =
            Map.of(
                    2, List.of("layer2.1"),
                    3, List.of("layer1.0", "layer2.1"),
                    4, List.of("layer1.0", "layer1.1", "layer2.1"));

    private record Variant(Depth depth, int width, boolean narrow) {}

    private static final Map<String, Variant> VARIANTS = new LinkedHashMap<>();

    static {
        for (String model : List.of("faster_rcnn", "mask_rcnn")) {
            VARIANTS.put(model + "_r50_fpn", new Variant(Depth.R50, 64, false));
            VARIANTS.put(model + "_r101_fpn", new Variant(Depth.R101, 64, false));
            VARIANTS.put(model + "_r18n_fpn", new Variant(Depth.R18, 16, true));
        }
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
                    "Unknown detector '" + name + "'; known: " + VARIANTS.keySet());
        }
        boolean masks = name.startsWith("mask_rcnn");
        DetectorSpec spec = v.narrow() ? DetectorSpec.narrow(masks) : DetectorSpec.published(masks);
        Map<Integer, List<String>> splits =
                v.depth().expansion() == 4 ? BOTTLENECK_SPLITS : BASIC_SPLITS;
        return new DetectionResNet(
                name,
                input,
                v.depth(),
                v.width(),
                spec,
                Map.of(SplitPlanner.PAPER, splits),
                LAMBDAS);
    }
}
