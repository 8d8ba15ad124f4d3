package org.infopro.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infopro.core.bench.BenchRunner;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.train.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A two-case suite through child JVMs: records, report, charts, and skipping on a re-run. */
class BenchRunnerTest {

    @Test
    void runsCasesInChildProcessesAndResumes(@TempDir Path dir) throws Exception {
        BenchSuite suite = twoCases(dir);
        Path out = dir.resolve("out");
        List<Map<String, Object>> records = new BenchRunner(out, System.err).run(suite);
        assertEquals(2, records.size());
        for (Map<String, Object> r : records) {
            assertTrue(!r.containsKey("error"), r.toString());
            assertTrue(r.get("test_top1") instanceof Number, r.toString());
            assertTrue(((Number) r.get("ms_per_step")).doubleValue() > 0, r.toString());
        }
        assertTrue(Files.readString(out.resolve("results.md")).contains("infopro-softmax"));
        assertTrue(Files.exists(out.resolve("accuracy_vs_k.png")));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new BenchRunner(out, new PrintStream(log, true)).run(suite);
        assertTrue(log.toString().contains("already recorded"), log.toString());
    }

    @Test
    void runsCasesInParallelWithALogEachAndKeepsTheSuiteOrder(@TempDir Path dir) throws Exception {
        BenchSuite suite = twoCases(dir);
        Path out = dir.resolve("out");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Map<String, Object>> records =
                new BenchRunner(out, new PrintStream(log, true), 2).run(suite);
        assertEquals(
                List.of("e2e", "infopro-softmax"),
                records.stream().map(r -> r.get("method")).toList());
        for (Map<String, Object> r : records) {
            assertTrue(!r.containsKey("error"), r.toString());
        }
        assertTrue(Files.readString(out.resolve("cases/case-2.log")).contains("done in"));
        assertTrue(log.toString().contains("finished after"), log.toString());
    }

    /** E2E and InfoPro K=2 on a tiny synthetic set, four steps each. */
    private static BenchSuite twoCases(Path dir) throws Exception {
        Path data = Synthetic.writeIdxDataset(dir.resolve("data"), 256, 100);
        List<RunConfig> cases = new ArrayList<>();
        for (String method : List.of("e2e", "infopro-softmax")) {
            RunConfig c = new RunConfig();
            c.backbone = "resnet8-tiny";
            c.dataRoot = data.toString();
            c.method = method;
            c.k = method.equals("e2e") ? 1 : 2;
            c.split = "even";
            c.batch = 32;
            c.maxSteps = 4;
            cases.add(c);
        }
        return new BenchSuite("tiny", "two cases", cases, BenchSuite.Measure.ACCURACY);
    }
}
