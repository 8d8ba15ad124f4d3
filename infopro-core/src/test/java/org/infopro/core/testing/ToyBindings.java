package org.infopro.core.testing;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.spi.BackboneProvider;
import org.infopro.core.spi.CommandProvider;
import org.infopro.core.spi.SuiteProvider;
import org.infopro.core.spi.TaskPlugin;

/**
 * A Guice module listed as a service, as a user's task module would contribute its bindings: the
 * toy task, its backbone, an empty suite list and one extra command.
 */
public final class ToyBindings extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, TaskPlugin.class)
                .addBinding("toy")
                .toInstance(new Toys.Task());
        MapBinder.newMapBinder(binder(), String.class, BackboneProvider.class)
                .addBinding("toy-cnn")
                .toInstance(
                        new BackboneProvider() {
                            @Override
                            public Set<String> names() {
                                return Set.of("toy-cnn");
                            }

                            @Override
                            public Backbone create(String name, FeatureShape input) {
                                return Toys.backbone(input);
                            }
                        });
        MapBinder.newMapBinder(binder(), String.class, SuiteProvider.class)
                .addBinding("toy")
                .toInstance(
                        new SuiteProvider() {
                            @Override
                            public String task() {
                                return "toy";
                            }

                            @Override
                            public List<String> suiteNames() {
                                return List.of("none");
                            }

                            @Override
                            public Optional<BenchSuite> suite(
                                    String name, BenchSuite.Overrides overrides) {
                                return Optional.empty();
                            }
                        });
        Multibinder.newSetBinder(binder(), CommandProvider.class)
                .addBinding()
                .toInstance(() -> List.of("toy-command"));
    }
}
