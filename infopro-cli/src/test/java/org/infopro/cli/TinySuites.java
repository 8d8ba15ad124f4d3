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
            cases.add(
                    RunConfig.builder()
                            .optBackbone("resnet8-tiny")
                            .optDataRoot(data.toString())
                            .optMethod(method)
                            .optK(method.equals("e2e") ? 1 : 2)
                            .optSplit("even")
                            .optBatch(32)
                            .optMaxSteps(steps)
                            .build());
        }
        return new BenchSuite("tiny", "two cases", cases, BenchSuite.Measure.ACCURACY);
    }

    /**
     * Runs {@link #twoCases} in this JVM: {@code DATA_DIR OUT_DIR EPOCHS}; used as a child process
     * by the tests that kill a bench run.
     */
    public static void main(String[] args) throws Exception {
        Path data = Synthetic.writeIdxDataset(Path.of(args[0]), 256, 100);
        BenchSuite two = twoCases(data, 0);
        int epochs = Integer.parseInt(args[2]);
        List<RunConfig> cases =
                two.cases().stream().map(c -> c.toBuilder().optEpochs(epochs).build()).toList();
        new BenchRunner(Path.of(args[1]), System.err)
                .run(new BenchSuite(two.name(), two.description(), cases, two.measure()));
    }
}
