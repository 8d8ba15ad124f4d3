package org.infopro.core.spi;

import java.util.List;
import java.util.Optional;
import org.infopro.core.bench.BenchSuite;

/**
 * A task's benchmark suites ({@code infopro bench TASK --suite NAME}), listed in {@code
 * META-INF/services/org.infopro.core.spi.SuiteProvider}. A task needs none to train.
 */
public interface SuiteProvider {

    /** The task whose suites these are, e.g. {@code classification}. */
    String task();

    /** The suites' names, in the order {@code infopro list} shows them. */
    List<String> suiteNames();

    /** A suite by name, configured by the command line's overrides; empty for an unknown name. */
    Optional<BenchSuite> suite(String name, BenchSuite.Overrides overrides);
}
