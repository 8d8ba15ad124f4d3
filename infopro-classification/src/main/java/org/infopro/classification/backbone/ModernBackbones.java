package org.infopro.classification.backbone;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.spi.BackboneProvider;

/**
 * The paper's other classification backbones: {@code densenet-bc-100-12} (for 32×32 images), {@code
 * efficientnet-b0}, {@code deit-tiny} and {@code deit-small} (16×16 patches), and {@code vit-micro}
 * (D 64, 4 layers, 4×4 patches) for fast tests on small images.
 */
public final class ModernBackbones implements BackboneProvider {

    private static final List<String> NAMES =
            List.of(
                    "densenet-bc-100-12",
                    "densenet121",
                    "efficientnet-b0",
                    "deit-tiny",
                    "deit-small",
                    "vit-micro");

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(NAMES);
    }

    @Override
    public Backbone create(String name, FeatureShape input) {
        return switch (name) {
            case "densenet-bc-100-12" -> new DenseNetBc(name, input, 100, 12);
            case "densenet121" -> new DenseNet(name, input, new int[] {6, 12, 24, 16}, 32);
            case "efficientnet-b0" -> new EfficientNet(name, input);
            case "deit-tiny" -> new VisionTransformer(name, input, 192, 12, 3, 16);
            case "deit-small" -> new VisionTransformer(name, input, 384, 12, 6, 16);
            case "vit-micro" -> new VisionTransformer(name, input, 64, 4, 2, 4);
            default ->
                    throw new IllegalArgumentException(
                            "Unknown backbone '" + name + "'; known: " + NAMES);
        };
    }
}
