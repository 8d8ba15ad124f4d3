package org.infopro.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.infopro.classification.Synthetic;
import org.infopro.cli.bench.BenchRunner;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.config.RunConfig;

/** Benchmark suites on tiny synthetic data, for the bench runner's tests. */
public final class TinySuites {

    private TinySuites() {}

    /** E2E and InfoPro-Softmax K=2 on a tiny synthetic set, {@code steps} steps each. */
    public static BenchSuite twoCases(Path data, int steps) {
        List<RunConfig> cases = new ArrayList<>();
        for (String method : List.of("e2e", "infopro-softmax")) {
            RunConfig c = new RunConfig();
            c.backbone = "resnet8-tiny";
            c.dataRoot = data.toString();
            c.method = method;
            c.k = method.equals("e2e") ? 1 : 2;
            c.split = "even";
            c.batch = 32;
            c.maxSteps = steps;
            cases.add(c);
        }
        return new BenchSuite("tiny", "two cases", cases, BenchSuite.Measure.ACCURACY);
    }

    /**
     * Runs {@link #twoCases} in this JVM: {@code DATA_DIR OUT_DIR EPOCHS}; used as a child process
     * by the tests that kill a bench run.
     */
    public static void main(String[] args) throws Exception {
        Path data = Synthetic.writeIdxDataset(Path.of(args[0]), 256, 100);
        BenchSuite suite = twoCases(data, 0);
        suite.cases().forEach(c -> c.epochs = Integer.parseInt(args[2]));
        new BenchRunner(Path.of(args[1]), System.err).run(suite);
    }
}
