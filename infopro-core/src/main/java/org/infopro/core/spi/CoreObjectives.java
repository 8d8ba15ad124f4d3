package org.infopro.core.spi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.ClassifierObjective;
import org.infopro.core.objective.EndToEndObjective;
import org.infopro.core.objective.InfoProObjective;
import org.infopro.core.objective.InfoProObjective.TaskTerm;
import org.infopro.core.objective.LocalObjective;

/**
 * The built-in methods: {@code e2e}, {@code greedy}, {@code dgl}, {@code infopro-softmax}, {@code
 * infopro-contrast}.
 */
public final class CoreObjectives implements ObjectiveProvider {

    private static final List<String> NAMES =
            List.of(
                    EndToEndObjective.NAME,
                    "greedy",
                    "dgl",
                    TaskTerm.SOFTMAX.methodName(),
                    TaskTerm.CONTRAST.methodName());

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(NAMES);
    }

    @Override
    public LocalObjective create(String name, Settings settings) {
        AuxConfig config = settings.auxConfig();
        switch (name) {
            case EndToEndObjective.NAME:
                return new EndToEndObjective();
            case "greedy":
                return new ClassifierObjective(name, config == null ? AuxConfig.GREEDY : config);
            case "dgl":
                return new ClassifierObjective(name, config == null ? AuxConfig.DEFAULT : config);
            case "infopro-softmax":
                return infoPro(TaskTerm.SOFTMAX, settings);
            case "infopro-contrast":
                return infoPro(TaskTerm.CONTRAST, settings);
            default:
                throw new IllegalArgumentException(
                        "Unknown method '" + name + "'; known: " + NAMES);
        }
    }

    private static InfoProObjective infoPro(TaskTerm term, Settings settings) {
        AuxConfig config = settings.auxConfig() == null ? AuxConfig.DEFAULT : settings.auxConfig();
        return new InfoProObjective(term, settings.lambdas(), config);
    }
}
