package org.infopro.core.spi;

import java.util.Set;
import org.infopro.core.config.RunConfig;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;

/**
 * Named backbones with their published split tables.
 *
 * <p>Implementations are listed in {@code META-INF/services/org.infopro.core.spi.BackboneProvider};
 * each of {@link #names()} becomes a registry entry.
 */
public interface BackboneProvider {

    /** The backbone names this provider builds, e.g. {@code resnet32}, {@code resnet110}. */
    Set<String> names();

    /**
     * Builds a fresh, uninitialised backbone.
     *
     * @param name one of {@link #names()}
     * @param input the per-sample input shape
     */
    Backbone create(String name, FeatureShape input);

    /**
     * Builds a backbone for a run whose settings shape it (e.g. a video backbone's frames per clip,
     * one of its task's options); by default the run changes nothing.
     */
    default Backbone create(String name, FeatureShape input, RunConfig run) {
        return create(name, input);
    }
}
