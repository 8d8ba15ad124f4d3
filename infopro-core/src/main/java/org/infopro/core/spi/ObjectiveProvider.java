package org.infopro.core.spi;

import java.util.Set;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.objective.LocalObjective;

/**
 * Named local-learning methods.
 *
 * <p>Implementations are listed in {@code
 * META-INF/services/org.infopro.core.spi.ObjectiveProvider}.
 */
public interface ObjectiveProvider {

    /** The method names this provider builds, e.g. {@code dgl}. */
    Set<String> names();

    /**
     * Builds a method.
     *
     * @param name one of {@link #names()}
     * @param settings the λ schedule and auxiliary-net depth chosen for the run
     */
    LocalObjective create(String name, Settings settings);

    /**
     * Per-run choices of a method.
     *
     * @param lambdas λ1/λ2 schedule (used by methods with a reconstruction term)
     * @param auxConfig depth of the auxiliary classifier, or null for the method's default
     */
    record Settings(LambdaSchedule lambdas, AuxConfig auxConfig) {}
}
