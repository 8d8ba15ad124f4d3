package org.infopro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.infopro.classification.ClassificationSuites;
import org.infopro.cli.bench.CaseResult;
import org.infopro.cli.bench.CaseRunner;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.config.RunConfig;
import org.infopro.core.testing.TinyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suites are well-formed, and the paper protocol starts and runs a step on CIFAR binaries. */
class PaperSuiteTest {

    @Test
    void suitesHaveTheirCases() {
        ClassificationSuites plugin = new ClassificationSuites();
        BenchSuite quick = plugin.suite("quick", BenchSuite.Overrides.none()).orElseThrow();
        assertEquals(9, quick.cases().size(), "e2e once + 4 methods x K in {2,4}");
        BenchSuite standard = plugin.suite("standard", BenchSuite.Overrides.none()).orElseThrow();
        assertEquals(13, standard.cases().size());
        BenchSuite memory = plugin.suite("memory", BenchSuite.Overrides.none()).orElseThrow();
        assertEquals(BenchSuite.Measure.MEMORY, memory.measure());
        assertEquals(10, memory.cases().size(), "e2e + (infopro*, balanced, even) x K in {2,3,4}");
        BenchSuite async = plugin.suite("async", BenchSuite.Overrides.none()).orElseThrow();
        assertEquals(10, async.cases().size(), "2 seeds x (e2e + K in {2,4} x (sync, async))");
        assertEquals(4, async.cases().stream().filter(c -> c.asyncQueue() > 0).count());
        BenchSuite paper = plugin.suite("paper", BenchSuite.Overrides.none()).orElseThrow();
        // Per seed: Table 2 (5 grids of e2e + 4 methods x 4 Ks, Asy-InfoPro x 2 Ks), Table 3
        // (2 datasets x 3 Ks); then Table 4 (3 networks x 2 methods).
        assertEquals(5 * (5 * 17 + 2 + 6) + 6, paper.cases().size());
        assertEquals(
                2 * 5,
                paper.cases().stream().filter(c -> c.asyncQueue() > 0).count(),
                "Asy-InfoPro");
        assertEquals(
                512,
                paper.cases().stream()
                        .filter(c -> c.backbone().equals("resnext101-32x8d"))
                        .findFirst()
                        .orElseThrow()
                        .batch());
        BenchSuite selected =
                plugin.suite(
                                "standard",
                                new BenchSuite.Overrides(
                                        5, List.of("greedy"), List.of(8), null, null, null, null))
                        .orElseThrow();
        assertEquals(1, selected.cases().size());
        assertEquals(5, selected.cases().get(0).epochs());
    }

    @Test
    void paperProtocolRunsOneStep(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("cifar-10-batches-bin");
        byte[] pixels = new byte[1024 * 3072];
        new java.util.Random(1).nextBytes(pixels);
        byte[][] labels = new byte[1024][];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = new byte[] {(byte) (i % 10)};
        }
        TinyFiles.writeCifar(root.resolve("data_batch_1.bin"), labels, pixels);
        for (int b = 2; b <= 5; b++) {
            TinyFiles.writeCifar(
                    root.resolve("data_batch_" + b + ".bin"), new byte[][] {{1}}, pixels);
        }
        TinyFiles.writeCifar(
                root.resolve("test_batch.bin"), java.util.Arrays.copyOf(labels, 20), pixels);
        BenchSuite paper =
                new ClassificationSuites()
                        .suite(
                                "paper",
                                new BenchSuite.Overrides(
                                        1,
                                        List.of("infopro-contrast"),
                                        List.of(2),
                                        dir.toString(),
                                        1,
                                        null,
                                        null))
                        .orElseThrow();
        RunConfig first = paper.cases().get(0);
        assertEquals(1024, first.batch());
        assertEquals("cosine-warmup", first.schedule());
        CaseResult result = CaseRunner.run(first, paper.measure());
        assertEquals(1L, ((Number) result.fields().get("steps")).longValue());
        assertTrue(result.fields().containsKey("test_top1"));
    }
}
