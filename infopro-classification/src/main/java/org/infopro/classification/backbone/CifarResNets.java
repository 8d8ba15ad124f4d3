package org.infopro.classification.backbone;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.infopro.core.config.RunConfig;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.spi.BackboneProvider;

/**
 * CIFAR ResNets: {@code resnet32} and {@code resnet110} (width 16, the paper's tables) and {@code
 * resnet8-tiny} (widths 4/8/16, one block per stage) for fast tests.
 */
public final class CifarResNets implements BackboneProvider {

    private static final List<String> NAMES = List.of("resnet32", "resnet110", "resnet8-tiny");

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(NAMES);
    }

    @Override
    public Backbone create(String name, FeatureShape input) {
        return create(name, input, ResNetTables.PaperDataset.CIFAR10);
    }

    /** The backbone with the tables the paper publishes for the run's dataset. */
    @Override
    public Backbone create(String name, FeatureShape input, RunConfig run) {
        return create(name, input, ResNetTables.PaperDataset.of(run.dataset()));
    }

    private static Backbone create(
            String name, FeatureShape input, ResNetTables.PaperDataset dataset) {
        switch (name) {
            case "resnet32":
                return new CifarResNet(name, input, 5, 16, ResNetTables.resnet32());
            case "resnet110":
                return new CifarResNet(name, input, 18, 16, ResNetTables.resnet110(dataset));
            case "resnet8-tiny":
                return new CifarResNet(name, input, 1, 4, ResNetTables.none());
            default:
                throw new IllegalArgumentException(
                        "Unknown CIFAR ResNet '" + name + "'; known: " + NAMES);
        }
    }
}
