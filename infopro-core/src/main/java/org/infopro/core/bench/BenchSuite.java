package org.infopro.core.bench;

import java.util.List;
import org.infopro.core.config.RunConfig;

/**
 * A named list of benchmark cases (method × backbone × K × seed), each run in its own JVM.
 *
 * @param name suite name, e.g. {@code quick}
 * @param description one line for {@code infopro list} and the report
 * @param cases the runs
 * @param measure what each case measures
 * @param jobs how many cases run at once by default (each child then gets an equal share of the
 *     cores); 1 for suites whose step times are compared
 */
public record BenchSuite(
        String name, String description, List<RunConfig> cases, Measure measure, int jobs) {

    /** Checks that at least one case runs at a time. */
    public BenchSuite {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
    }

    /** A suite whose cases run one at a time. */
    public BenchSuite(String name, String description, List<RunConfig> cases, Measure measure) {
        this(name, description, cases, measure, 1);
    }

    /**
     * The usual method × K grid: {@code e2e} once (K = 1), every other selected method at every
     * selected K, each a copy of {@code base} with the overrides applied.
     */
    public static List<RunConfig> grid(
            RunConfig base, List<String> methods, List<Integer> ks, Overrides o) {
        List<RunConfig> cases = new java.util.ArrayList<>();
        for (String method : methods) {
            if (!o.selects(method)) {
                continue;
            }
            boolean endToEnd = method.equals("e2e");
            for (int k : endToEnd ? List.of(1) : ks) {
                if (!endToEnd && !o.selectsK(k)) {
                    continue;
                }
                cases.add(o.apply(base.toBuilder().optMethod(method).optK(k).build()));
            }
        }
        return cases;
    }

    /**
     * {@code c} as a memory case of a dense task: batches of {@code batch}, three steps (one
     * warm-up, two measured) on a few samples, and a token evaluation.
     */
    public static RunConfig fewStepMemoryCase(RunConfig c, int batch) {
        return c.toBuilder()
                .optBatch(batch)
                .optTrainLimit(8 * batch)
                .optTestLimit(batch)
                .optEvalBatch(batch)
                .optMaxSteps(3)
                .build();
    }

    /**
     * Looks a suite up by name among a task's suite builders (name → builder taking the overrides);
     * empty for an unknown name.
     */
    public static java.util.Optional<BenchSuite> named(
            String name,
            java.util.Map<String, java.util.function.Function<Overrides, BenchSuite>> suites,
            Overrides overrides) {
        return java.util.Optional.ofNullable(suites.get(name)).map(s -> s.apply(overrides));
    }

    /** What a case measures. */
    public enum Measure {
        /** Train and evaluate; report the test metric, step time and peak memory. */
        ACCURACY,
        /**
         * A few steps under a malloc setting whose RSS follows live tensors; report peak memory.
         */
        MEMORY
    }

    /**
     * Command-line overrides a suite applies to its cases; null fields keep the suite's choice.
     *
     * @param epochs epochs per case
     * @param methods methods to run
     * @param ks values of K to run
     * @param dataRoot dataset folder
     * @param steps steps per case (memory suites) or per epoch
     * @param batch batch size of every case
     * @param pretrained PyTorch weights every case starts from
     */
    public record Overrides(
            Integer epochs,
            List<String> methods,
            List<Integer> ks,
            String dataRoot,
            Integer steps,
            Integer batch,
            String pretrained) {

        /** No overrides. */
        public static Overrides none() {
            return new Overrides(null, null, null, null, null, null, null);
        }

        /** Whether a method is selected (all are when no list was given). */
        public boolean selects(String method) {
            return methods == null || methods.contains(method);
        }

        /** Whether a K is selected (all are when no list was given). */
        public boolean selectsK(int k) {
            return ks == null || ks.contains(k);
        }

        /**
         * A case with the per-case overrides (epochs, data folder, steps, batch, pretrained
         * weights) applied.
         */
        public RunConfig apply(RunConfig config) {
            RunConfig.Builder b = config.toBuilder();
            if (epochs != null) {
                b.optEpochs(epochs);
            }
            if (dataRoot != null) {
                b.optDataRoot(dataRoot);
            }
            if (steps != null) {
                b.optMaxSteps(steps);
            }
            if (batch != null) {
                b.optBatch(batch);
            }
            if (pretrained != null) {
                b.optPretrained(pretrained);
            }
            return b.build();
        }
    }
}
