package org.infopro.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.io.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Turns benchmark records into {@code results.md} (a full table plus a method × K table laid out
 * like the paper's Table 2) and PNG charts: the test metric, peak memory and step time against K,
 * one line per method and split.
 */
public final class BenchReport {

    private final BenchSuite suite;
    private final List<Map<String, Object>> records;

    /** A report of a suite's case records. */
    public BenchReport(BenchSuite suite, List<Map<String, Object>> records) {
        this.suite = suite;
        this.records = records.stream().filter(r -> !r.containsKey("error")).toList();
    }

    /** Writes {@code results.md} and the charts into {@code dir}. */
    public void write(Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve("results.md"), markdown());
        String metric = primaryMetric();
        if (metric != null) {
            chart(dir.resolve("accuracy_vs_k.png"), metric, metric);
        }
        if (reportsMemory()) {
            chart(
                    dir.resolve("memory_vs_k.png"),
                    "peak training-step memory (MB)",
                    "peak_memory_mb");
        }
        chart(dir.resolve("step_time_vs_k.png"), "ms per training step", "ms_per_step");
    }

    /** The Markdown report. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(suite.name())
                .append(" — ")
                .append(suite.description())
                .append("\n\n");
        String metric = primaryMetric();
        Map<String, Object> e2e =
                records.stream()
                        .filter(r -> "e2e".equals(r.get("method")))
                        .findFirst()
                        .orElse(null);
        md.append(
                "Ratios compare each case with the E2E case of the same backbone and seed "
                        + "(repetitions of a suite use different seeds).\n\n");
        boolean memory = reportsMemory();
        // A backbone column only when the suite compares backbones (e.g. TSN against TSM).
        boolean backbones = records.stream().map(r -> r.get("backbone")).distinct().count() > 1;
        md.append(backbones ? "| backbone " : "")
                .append("| method | K | split | blocks per module | ")
                .append(metric == null ? "" : metric + " | best | ")
                .append(String.join("", secondary().stream().map(m -> m + " | ").toList()))
                .append(memory ? "peak step MB | × E2E | " : "")
                .append("ms/step | × E2E |\n");
        md.append(backbones ? "|---" : "")
                .append("|---|---|---|---|")
                .append(metric == null ? "" : "---|---|")
                .append("---|".repeat(secondary().size()))
                .append(memory ? "---|---|" : "")
                .append("---|---|\n");
        for (Map<String, Object> r : records) {
            md.append(backbones ? "| " + r.get("backbone") + " " : "")
                    .append("| ")
                    .append(r.get("method"))
                    .append(" | ")
                    .append(integer(r.get("k")))
                    .append(" | ")
                    .append(r.get("split"))
                    .append(" | ")
                    .append(blocks(r.get("module_blocks")))
                    .append(" | ");
            if (metric != null) {
                md.append(fmt(r.get(metric)))
                        .append(" | ")
                        .append(fmt(r.get("best_" + metric)))
                        .append(" | ");
            }
            for (String extra : secondary()) {
                md.append(fmt(r.get(extra))).append(" | ");
            }
            if (memory) {
                md.append(fmt(r.get("peak_memory_mb")))
                        .append(" | ")
                        .append(ratio(r, baseline(r), "peak_memory_mb"))
                        .append(" | ");
            }
            md.append(fmt(r.get("ms_per_step")))
                    .append(" | ")
                    .append(ratio(r, baseline(r), "ms_per_step"))
                    .append(" |\n");
        }
        if (metric != null && metric.endsWith("top1")) {
            md.append("\n## Test error (%) by method and K (layout of the paper's Table 2)\n\n");
            md.append(
                    pivot(
                            r -> 100 - number(r.get(metric)),
                            e2e == null ? null : 100 - number(e2e.get(metric))));
        }
        md.append(
                memory
                        ? "\nMemory: peak resident memory of the training steps above the state"
                                + " after one warm-up step (process-wide VmHWM). Cases run one per"
                                + " JVM.\n"
                        : "\nCases run one per JVM. Memory is measured by the memory suites only.\n");
        return md.toString();
    }

    /** The E2E record run with the same backbone and seed, else any E2E of that backbone. */
    private Map<String, Object> baseline(Map<String, Object> r) {
        List<Map<String, Object>> e2e =
                records.stream()
                        .filter(
                                x ->
                                        "e2e".equals(x.get("method"))
                                                && Objects.equals(
                                                        x.get("backbone"), r.get("backbone")))
                        .toList();
        return e2e.stream()
                .filter(x -> Objects.equals(x.get("seed"), r.get("seed")))
                .findFirst()
                .orElse(e2e.isEmpty() ? null : e2e.get(0));
    }

    private String pivot(Function<Map<String, Object>, Double> value, Double e2eValue) {
        TreeSet<Integer> ks = new TreeSet<>();
        List<String> methods = new ArrayList<>();
        for (Map<String, Object> r : records) {
            if (!"e2e".equals(r.get("method"))) {
                ks.add(integer(r.get("k")));
                if (!methods.contains((String) r.get("method"))) {
                    methods.add((String) r.get("method"));
                }
            }
        }
        StringBuilder md = new StringBuilder("| method |");
        ks.forEach(k -> md.append(" K=").append(k).append(" |"));
        md.append("\n|---|").append("---|".repeat(ks.size())).append('\n');
        if (e2eValue != null) {
            md.append("| e2e (K=1) | ")
                    .append(fmt(e2eValue))
                    .append(" |")
                    .append(" |".repeat(Math.max(0, ks.size() - 1)))
                    .append('\n');
        }
        for (String method : methods) {
            md.append("| ").append(method).append(" |");
            for (int k : ks) {
                Double v =
                        records.stream()
                                .filter(
                                        r ->
                                                method.equals(r.get("method"))
                                                        && integer(r.get("k")) == k)
                                .map(value)
                                .findFirst()
                                .orElse(null);
                md.append(' ').append(v == null ? "–" : fmt(v)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private void chart(Path file, String axis, String field) throws IOException {
        // Mean over repetitions of each (method, split, K).
        Map<String, Map<Double, double[]>> sums = new java.util.LinkedHashMap<>();
        for (Map<String, Object> r : records) {
            double v = number(r.get(field));
            if (!Double.isNaN(v)) {
                String name =
                        "e2e".equals(r.get("method"))
                                ? "e2e"
                                : r.get("method") + " (" + r.get("split") + ")";
                double[] sum =
                        sums.computeIfAbsent(name, n -> new java.util.TreeMap<>())
                                .computeIfAbsent(number(r.get("k")), k -> new double[2]);
                sum[0] += v;
                sum[1]++;
            }
        }
        XYSeriesCollection lines = new XYSeriesCollection();
        sums.forEach(
                (name, byK) -> {
                    XYSeries series = new XYSeries(name);
                    byK.forEach((k, sum) -> series.add(k, Double.valueOf(sum[0] / sum[1])));
                    lines.addSeries(series);
                });
        if (lines.getSeriesCount() == 0) {
            return;
        }
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        suite.name() + ": " + axis + " vs K",
                        "K (modules)",
                        axis,
                        lines,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        ((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) chart.getXYPlot().getRenderer())
                .setDefaultShapesVisible(true);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 800, 500));
    }

    /** True when some record holds a measured peak memory (memory suites only). */
    private boolean reportsMemory() {
        return records.stream().anyMatch(r -> !Double.isNaN(number(r.get("peak_memory_mb"))));
    }

    /** The secondary metrics any record reports and holds a value for, in first-seen order. */
    @SuppressWarnings("unchecked")
    private List<String> secondary() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Map<String, Object> r : records) {
            Object listed = r.get("secondary_metrics");
            if (listed instanceof List<?> list) {
                for (Object name : list) {
                    if (r.get(name) != null) {
                        names.add((String) name);
                    }
                }
            }
        }
        return List.copyOf(names);
    }

    private String primaryMetric() {
        return records.stream()
                .map(r -> (String) r.get("primary_metric"))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static String ratio(Map<String, Object> r, Map<String, Object> e2e, String field) {
        if (e2e == null) {
            return "–";
        }
        double v = number(r.get(field)) / number(e2e.get(field));
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Module sizes as integers (JSON read-back turns them into doubles). */
    private static String blocks(Object sizes) {
        if (!(sizes instanceof List<?> list)) {
            return String.valueOf(sizes);
        }
        return list.stream().map(v -> String.valueOf(integer(v))).toList().toString();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static int integer(Object value) {
        return (int) number(value);
    }

    private static String fmt(Object value) {
        double v = number(value);
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }
}
