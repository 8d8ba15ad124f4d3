package org.infopro.core.spi;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every task, backbone, dataset and method on the class path, looked up by name.
 *
 * <p>Guice is the composition root: providers found with {@link ServiceLoader} are bound into one
 * injector through {@link MapBinder}s keyed by name, and every {@code com.google.inject.Module}
 * listed as a service on the class path is installed beside them, so a task module (ours or a
 * user's) may contribute further entries to the same maps. Unknown and duplicate names fail here,
 * naming what is known.
 */
public final class Registry {

    private final Map<String, TaskPlugin> tasks;
    private final Map<String, BackboneProvider> backbones;
    private final Map<String, DatasetProvider> datasets;
    private final Map<String, ObjectiveProvider> objectives;
    private final Map<String, SuiteProvider> suites;
    private final Set<CommandProvider> commands;

    private Registry(Injector injector) {
        tasks = injector.getInstance(Key.get(new TypeLiteral<Map<String, TaskPlugin>>() {}));
        backbones =
                injector.getInstance(Key.get(new TypeLiteral<Map<String, BackboneProvider>>() {}));
        datasets =
                injector.getInstance(Key.get(new TypeLiteral<Map<String, DatasetProvider>>() {}));
        objectives =
                injector.getInstance(Key.get(new TypeLiteral<Map<String, ObjectiveProvider>>() {}));
        suites = injector.getInstance(Key.get(new TypeLiteral<Map<String, SuiteProvider>>() {}));
        commands = injector.getInstance(Key.get(new TypeLiteral<Set<CommandProvider>>() {}));
    }

    /** Discovers every provider visible to this class's class loader. */
    public static Registry discover() {
        ClassLoader loader = Registry.class.getClassLoader();
        List<Module> modules = new ArrayList<>();
        modules.add(new DiscoveredModule(loader));
        modules.addAll(load(Module.class, loader));
        return new Registry(Guice.createInjector(modules));
    }

    /** The task plugin with this name. */
    public TaskPlugin task(String name) {
        return lookup(tasks, "task", name);
    }

    /** The provider of the backbone with this name. */
    public BackboneProvider backbone(String name) {
        return lookup(backbones, "backbone", name);
    }

    /** The provider of the dataset with this name. */
    public DatasetProvider dataset(String name) {
        return lookup(datasets, "dataset", name);
    }

    /** The provider of the method with this name. */
    public ObjectiveProvider objective(String name) {
        return lookup(objectives, "method", name);
    }

    /** The benchmark suites of a task (none when it has no {@link SuiteProvider}). */
    public SuiteProvider suites(String task) {
        lookup(tasks, "task", task);
        return suites.getOrDefault(task, new NoSuites(task));
    }

    /** The extra command objects of every {@link CommandProvider}. */
    public List<Object> commands() {
        List<Object> all = new ArrayList<>();
        commands.forEach(provider -> all.addAll(provider.commands()));
        return all;
    }

    /** Sorted names of every registered task. */
    public TreeSet<String> taskNames() {
        return new TreeSet<>(tasks.keySet());
    }

    /** Sorted names of every registered backbone. */
    public TreeSet<String> backboneNames() {
        return new TreeSet<>(backbones.keySet());
    }

    /** Sorted names of every registered dataset. */
    public TreeSet<String> datasetNames() {
        return new TreeSet<>(datasets.keySet());
    }

    /** Names of every registered method. */
    public TreeSet<String> objectiveNames() {
        return new TreeSet<>(objectives.keySet());
    }

    private static <T> T lookup(Map<String, T> entries, String kind, String name) {
        T entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(
                    "Unknown "
                            + kind
                            + " '"
                            + name
                            + "'; known: "
                            + String.join(", ", new TreeSet<>(entries.keySet())));
        }
        return entry;
    }

    private static <T> List<T> load(Class<T> type, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(type, loader).forEach(found::add);
        return found;
    }

    /** Binds every ServiceLoader-discovered provider under each of its names. */
    private static final class DiscoveredModule extends AbstractModule {
        private final ClassLoader loader;

        DiscoveredModule(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        protected void configure() {
            MapBinder<String, TaskPlugin> taskBinder =
                    MapBinder.newMapBinder(binder(), String.class, TaskPlugin.class);
            load(TaskPlugin.class, loader)
                    .forEach(t -> taskBinder.addBinding(t.name()).toInstance(t));
            MapBinder<String, BackboneProvider> backboneBinder =
                    MapBinder.newMapBinder(binder(), String.class, BackboneProvider.class);
            for (BackboneProvider provider : load(BackboneProvider.class, loader)) {
                provider.names().forEach(n -> backboneBinder.addBinding(n).toInstance(provider));
            }
            MapBinder<String, DatasetProvider> datasetBinder =
                    MapBinder.newMapBinder(binder(), String.class, DatasetProvider.class);
            for (DatasetProvider provider : load(DatasetProvider.class, loader)) {
                provider.names().forEach(n -> datasetBinder.addBinding(n).toInstance(provider));
            }
            MapBinder<String, ObjectiveProvider> objectiveBinder =
                    MapBinder.newMapBinder(binder(), String.class, ObjectiveProvider.class);
            for (ObjectiveProvider provider : load(ObjectiveProvider.class, loader)) {
                provider.names().forEach(n -> objectiveBinder.addBinding(n).toInstance(provider));
            }
            MapBinder<String, SuiteProvider> suiteBinder =
                    MapBinder.newMapBinder(binder(), String.class, SuiteProvider.class);
            for (SuiteProvider provider : load(SuiteProvider.class, loader)) {
                suiteBinder.addBinding(provider.task()).toInstance(provider);
            }
            Multibinder<CommandProvider> commandBinder =
                    Multibinder.newSetBinder(binder(), CommandProvider.class);
            load(CommandProvider.class, loader)
                    .forEach(provider -> commandBinder.addBinding().toInstance(provider));
        }
    }

    /** The suites of a task that publishes none. */
    private record NoSuites(String task) implements SuiteProvider {
        @Override
        public List<String> suiteNames() {
            return List.of();
        }

        @Override
        public Optional<org.infopro.core.bench.BenchSuite> suite(
                String name, org.infopro.core.bench.BenchSuite.Overrides overrides) {
            return Optional.empty();
        }
    }
}
