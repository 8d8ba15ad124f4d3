package org.infopro.cli.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infopro.core.bench.BenchSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @Test
    void writesTablesAndCharts(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        records.add(record("e2e", 1, 90.0, 500.0, 1000.0));
        records.add(record("greedy", 2, 85.0, 300.0, 1100.0));
        records.add(record("infopro-contrast", 2, 89.0, 320.0, 1200.0));
        BenchSuite suite =
                new BenchSuite("t", "test suite", List.of(), BenchSuite.Measure.ACCURACY);
        new BenchReport(suite, records).write(dir);
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| infopro-contrast | 2 |"), md);
        assertTrue(md.contains("0.64"), "memory ratio 320/500: " + md);
        assertTrue(md.contains("| e2e (K=1) | 10.00 |"), md);
        assertTrue(Files.size(dir.resolve("accuracy_vs_k.png")) > 1000);
        assertTrue(Files.size(dir.resolve("memory_vs_k.png")) > 1000);
    }

    private static Map<String, Object> record(
            String method, int k, double top1, double mb, double ms) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("k", (double) k);
        r.put("split", k == 1 ? "e2e" : "infopro");
        r.put("module_blocks", List.of());
        r.put("test_top1", top1);
        r.put("best_test_top1", top1);
        r.put("peak_memory_mb", mb);
        r.put("ms_per_step", ms);
        r.put("primary_metric", "test_top1");
        return r;
    }

    @Test
    void secondaryMetricsGetColumnsWhereRecordsHoldThem(@TempDir Path dir) throws Exception {
        Map<String, Object> e2e = record("e2e", 1, 14.0, 500.0, 1000.0);
        e2e.put("secondary_metrics", List.of("test_box_ap50", "test_mask_ap"));
        e2e.put("test_box_ap50", 31.5);
        BenchSuite suite =
                new BenchSuite("t", "test suite", List.of(), BenchSuite.Measure.ACCURACY);
        String md = new BenchReport(suite, List.of(e2e)).markdown();
        assertTrue(md.contains("| test_top1 | best | test_box_ap50 | peak step MB"), md);
        assertTrue(md.contains("| 31.50 |"), md);
    }
}
