package org.infopro.core.spi;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Every task, backbone, dataset and method on the class path, looked up by name.
 *
 * <p>Providers are found with {@link ServiceLoader} and bound into one Guice injector through
 * {@link MapBinder}s keyed by name; a task plugin's own Guice module may add further entries to the
 * same maps, so a user's jar extends the registry without touching ours.
 */
public final class Registry {

    private final Map<String, TaskPlugin> tasks;
    private final Map<String, BackboneProvider> backbones;
    private final Map<String, DatasetProvider> datasets;
    private final Map<String, ObjectiveProvider> objectives;

    private Registry(Injector injector) {
        tasks = injector.getInstance(Key.get(new TypeLiteral<Map<String, TaskPlugin>>() {}));
        backbones =
                injector.getInstance(Key.get(new TypeLiteral<Map<String, BackboneProvider>>() {}));
        datasets =
                injector.getInstance(Key.get(new TypeLiteral<Map<String, DatasetProvider>>() {}));
        objectives =
                injector.getInstance(Key.get(new TypeLiteral<Map<String, ObjectiveProvider>>() {}));
    }

    /** Discovers every provider visible to this class's class loader. */
    public static Registry discover() {
        ClassLoader loader = Registry.class.getClassLoader();
        List<TaskPlugin> taskPlugins = load(TaskPlugin.class, loader);
        List<Module> modules = new ArrayList<>();
        modules.add(new DiscoveredModule(taskPlugins, loader));
        for (TaskPlugin task : taskPlugins) {
            task.guiceModule().ifPresent(modules::add);
        }
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
        private final List<TaskPlugin> taskPlugins;
        private final ClassLoader loader;

        DiscoveredModule(List<TaskPlugin> taskPlugins, ClassLoader loader) {
            this.taskPlugins = taskPlugins;
            this.loader = loader;
        }

        @Override
        protected void configure() {
            MapBinder<String, TaskPlugin> taskBinder =
                    MapBinder.newMapBinder(binder(), String.class, TaskPlugin.class);
            taskPlugins.forEach(t -> taskBinder.addBinding(t.name()).toInstance(t));
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
        }
    }
}
