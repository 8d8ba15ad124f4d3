package org.infopro.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.infopro.core.config.PixelSize;
import org.infopro.core.config.RunConfig;
import org.infopro.core.config.Setting;
import org.infopro.core.config.TaskOptions;
import org.infopro.core.spi.Registry;
import org.infopro.core.spi.TaskPlugin;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Command-line options bound to the {@link Setting} components of {@link RunConfig} and of every
 * task's {@link TaskOptions}: each option is declared once, on the value it sets, and a parsed
 * command line turns into a configuration through the records' own constructors, which check it.
 */
final class SettingOptions {

    /** Where an option's value goes: a component of a record type. */
    private record Target(Class<? extends Record> type, RecordComponent component, String task) {}

    /** What help shows as the default of an option that changes a trained run. */
    private static final String AS_TRAINED = "as trained";

    private SettingOptions() {}

    /**
     * Adds an option for every setting of {@link RunConfig}, and of every registered task's
     * options, that {@code include} accepts; help shows each default.
     */
    static void addTo(
            CommandSpec spec, Registry registry, Predicate<Setting> include, boolean asTrained) {
        addAll(spec, RunConfig.defaults(), null, include, asTrained);
        for (String name : registry.taskNames()) {
            TaskPlugin task = registry.task(name);
            task.defaultOptions()
                    .ifPresent(d -> addAll(spec, asRecord(d), name, include, asTrained));
        }
    }

    private static void addAll(
            CommandSpec spec,
            Record defaults,
            String task,
            Predicate<Setting> include,
            boolean asTrained) {
        for (RecordComponent component : defaults.getClass().getRecordComponents()) {
            Setting setting = component.getAnnotation(Setting.class);
            if (setting == null || !include.test(setting)) {
                continue;
            }
            OptionSpec existing = spec.optionsMap().get(setting.option());
            if (existing != null) {
                throw new IllegalStateException(
                        setting.option()
                                + " is declared twice: by "
                                + targetOf(existing).type().getName()
                                + " and by "
                                + defaults.getClass().getName());
            }
            Object shownDefault = asTrained ? AS_TRAINED : value(component, defaults);
            spec.addOption(option(component, setting, shownDefault, task));
        }
    }

    private static OptionSpec option(
            RecordComponent component, Setting setting, Object defaultValue, String task) {
        Class<?> type = component.getType();
        boolean on = type == boolean.class && Boolean.TRUE.equals(defaultValue);
        OptionSpec.Builder option =
                OptionSpec.builder(setting.option())
                        .description(help(setting, defaultValue, task))
                        .userObject(
                                new Target(
                                        component.getDeclaringRecord().asSubclass(Record.class),
                                        component,
                                        task));
        if (on) { // --name keeps it on, --no-name turns it off
            option.negatable(true).defaultValue("true").fallbackValue("true");
        }
        if (type == List.class) {
            option.type(List.class)
                    .auxiliaryTypes(elementType(component))
                    .splitRegex(",")
                    .splitRegexSynopsisLabel(",");
        } else {
            option.type(type);
        }
        if (type == PixelSize.class) {
            option.converters(SettingOptions::pixelSize);
        }
        if (type.isEnum()) {
            option.completionCandidates(enumNames(type));
        }
        if (type != boolean.class) {
            option.paramLabel(setting.label().isEmpty() ? labelOf(type) : setting.label());
        }
        return option.build();
    }

    /** A placeholder by type: {@code N} for counts, {@code X} for numbers, else {@code NAME}. */
    private static String labelOf(Class<?> type) {
        if (type == int.class || type == long.class) {
            return "N";
        }
        return type == float.class ? "X" : "NAME";
    }

    private static String help(Setting setting, Object defaultValue, String task) {
        String help =
                defaultValue == AS_TRAINED
                        ? setting.help().replaceAll("\\s*\\(default[^)]*\\)", "")
                        : setting.help();
        String text = task == null ? help : task + ": " + help;
        boolean shown =
                defaultValue == null
                        || defaultValue.equals(Boolean.FALSE)
                        || help.contains("(default");
        if (shown) {
            return text;
        }
        String sentence = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return sentence + " (default: " + spelling(defaultValue) + ").";
    }

    private static PixelSize pixelSize(String text) {
        try {
            return PixelSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** How a value is written on the command line. */
    private static String spelling(Object value) {
        if (value instanceof Float f) {
            return new java.math.BigDecimal(f.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private static List<String> enumNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(spelling(constant));
        }
        return names;
    }

    private static Class<?> elementType(RecordComponent component) {
        return (Class<?>)
                ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
    }

    /**
     * {@code base} with every option the command line gave applied: first the run's settings, then
     * the options of its task (over {@code base}'s own). An option of another task is refused,
     * naming it and its task.
     *
     * @throws IllegalArgumentException naming the option whose value is bad
     */
    static RunConfig apply(ParseResult parsed, RunConfig base, Registry registry) {
        RunConfig run = with(base, parsed);
        TaskPlugin task = registry.task(run.task());
        Optional<TaskOptions> defaults = task.defaultOptions();
        for (OptionSpec given : parsed.matchedOptions()) {
            if (given.userObject() instanceof Target target
                    && target.task() != null
                    && !defaults.map(d -> d.getClass() == target.type()).orElse(false)) {
                throw new IllegalArgumentException(
                        given.longestName()
                                + " is an option of task "
                                + target.task()
                                + ", not of "
                                + run.task());
            }
        }
        if (defaults.isEmpty()) {
            return run;
        }
        TaskOptions current = run.taskOptions(defaults.get());
        TaskOptions changed = (TaskOptions) with(asRecord(current), parsed);
        return changed.equals(current) ? run : run.toBuilder().optTaskOptions(changed).build();
    }

    /** A copy of {@code record} with each component whose option was given set to its value. */
    private static <R extends Record> R with(R record, ParseResult parsed) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i], record);
            types[i] = components[i].getType();
            Setting setting = components[i].getAnnotation(Setting.class);
            OptionSpec given = setting == null ? null : parsed.matchedOption(setting.option());
            if (given != null) {
                values[i] = given.getValue();
            }
        }
        try {
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            @SuppressWarnings("unchecked")
            R copy = (R) canonical.newInstance(values);
            return copy;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown; // the record's own check, naming the option
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getClass().getName(), e);
        }
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            java.lang.reflect.Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    /** Task options are records (so that their components can be bound); anything else is a bug. */
    private static Record asRecord(TaskOptions options) {
        if (options instanceof Record record) {
            return record;
        }
        throw new IllegalStateException(
                options.getClass().getName() + " implements TaskOptions but is not a record");
    }

    private static Target targetOf(OptionSpec option) {
        return (Target) option.userObject();
    }

    /** Adds every setting (training, analysis). */
    static final class All implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            addTo(spec, Registry.discover(), s -> true, false);
            return spec;
        }
    }

    /**
     * Adds what evaluating a trained model may change: the data folder, the device and the tasks'
     * test-time options.
     */
    static final class Evaluation implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            addTo(
                    spec,
                    Registry.discover(),
                    s ->
                            s.testTime()
                                    || s.option().equals("--data")
                                    || s.option().equals("--device"),
                    true);
            return spec;
        }
    }
}
