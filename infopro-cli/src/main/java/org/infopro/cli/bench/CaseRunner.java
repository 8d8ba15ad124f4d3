package org.infopro.cli.bench;

import java.io.IOException;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.config.RunConfig;
import org.infopro.core.memory.MemoryMeter;
import org.infopro.core.memory.PeakMemoryProbe;
import org.infopro.core.metric.TaskMetric;
import org.infopro.core.spi.Registry;
import org.infopro.core.train.Experiment;
import org.infopro.core.train.ProgressBar;
import org.infopro.core.train.Training;
import org.infopro.core.train.TrainingState;

/** Runs one benchmark case in this JVM and measures it. */
public final class CaseRunner {

    private static final double MB = 1024.0 * 1024.0;

    private CaseRunner() {}

    /** Trains the case, evaluates it (for accuracy suites) and returns its record. */
    public static CaseResult run(RunConfig config, BenchSuite.Measure measure) throws IOException {
        Registry registry = Registry.discover();
        try (Experiment experiment =
                Experiment.create(config, registry, Experiment.Data.TRAIN_AND_TEST)) {
            System.err.println(experiment.describe());
            PeakMemoryProbe probe = new PeakMemoryProbe(1, experiment.manager().getDevice());
            Training training =
                    new Training(experiment)
                            .addListener(ProgressBar.onConsole())
                            .addListener(probe);
            long start = System.nanoTime();
            TrainingState state = training.run(new TrainingState());
            double seconds = (System.nanoTime() - start) / 1e9;
            CaseResult result = CaseResult.of(config, experiment.network().plan().moduleSizes());
            TaskMetric metric = experiment.task().newMetric(experiment.test().classes());
            String primary = metric.primary();
            if (measure == BenchSuite.Measure.ACCURACY) {
                state.history
                        .get(state.history.size() - 1)
                        .test
                        .forEach((name, value) -> result.put("test_" + name, value));
                result.put("best_test_" + primary, state.best(primary));
                result.put(
                        "secondary_metrics",
                        metric.secondary().stream().map(name -> "test_" + name).toList());
            }
            // Memory is reported only where it is measured the memory suites' way (every tensor
            // in its own mapping, baseline after a warm-up step): resident memory under malloc's
            // default caching says little about the tensors a method keeps alive.
            if (measure == BenchSuite.Measure.MEMORY) {
                result.put(
                        "peak_memory_mb",
                        probe.measured() ? probe.stepPeakBytes() / MB : Double.NaN);
                result.put(
                        "baseline_rss_mb",
                        probe.measured() ? probe.baselineBytes() / MB : Double.NaN);
                result.put(
                        "peak_rss_mb",
                        MemoryMeter.supported() ? MemoryMeter.peakBytes() / MB : Double.NaN);
            }
            result.put("ms_per_step", state.msPerStep());
            result.put("steps", state.globalStep);
            result.put("run_seconds", seconds);
            result.put("measure", measure.name().toLowerCase());
            result.put(
                    "primary_metric",
                    measure == BenchSuite.Measure.ACCURACY ? "test_" + primary : null);
            result.put("malloc_mmap_threshold", System.getenv("MALLOC_MMAP_THRESHOLD_"));
            return result.withProvenance();
        }
    }
}
