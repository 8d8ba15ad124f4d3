package org.infopro.cli.bench;

import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.config.RunConfig;
import org.infopro.core.io.AtomicFiles;
import org.infopro.core.io.Json;

/**
 * Runs a suite case by case, each in a fresh JVM so that memory peaks do not leak from one case
 * into the next, and appends every record to {@code results.json} as soon as it exists. A re-run
 * into the same folder skips the cases already recorded and retries failed ones, so an interrupted
 * suite resumes. Accuracy suites may run several cases at once ({@code --jobs}), each child then on
 * its share of the cores.
 */
public final class BenchRunner {

    private static final Type RECORDS = new TypeToken<List<Map<String, Object>>>() {}.getType();
    private static final Type RECORD = new TypeToken<Map<String, Object>>() {}.getType();

    private final Path out;
    private final PrintStream log;
    private final Integer jobs;

    /** A runner writing into {@code out}, one case at a time, logging to {@code log}. */
    public BenchRunner(Path out, PrintStream log) {
        this(out, log, null);
    }

    /**
     * @param jobs cases run at once, or null for the suite's default; memory suites always run one
     *     case at a time
     */
    public BenchRunner(Path out, PrintStream log, Integer jobs) {
        this.out = out;
        this.log = log;
        this.jobs = jobs;
    }

    /** Runs every case not yet in {@code results.json}, then writes the report. */
    public List<Map<String, Object>> run(BenchSuite suite)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path resultsFile = out.resolve("results.json");
        AtomicFiles.deleteLeftovers(resultsFile);
        List<Map<String, Object>> records = readRecords(resultsFile);
        // Failed cases are tried again; finished ones are kept.
        records.removeIf(r -> r.containsKey("error"));
        int parallel = parallelism(suite);
        List<Callable<Void>> pending = new ArrayList<>();
        int total = suite.cases().size();
        int index = 0;
        for (RunConfig config : suite.cases()) {
            int number = ++index;
            String id = CaseResult.id(config);
            String key = CaseResult.configKey(config);
            if (records.stream().anyMatch(r -> key.equals(r.get("config_key")))) {
                log.printf("[%d/%d] %s already recorded, skipped%n", number, total, id);
                continue;
            }
            // A record of this case made with other settings (steps, epochs, data, …) is stale.
            if (records.removeIf(r -> id.equals(r.get("id")))) {
                log.printf(
                        "[%d/%d] %s was recorded with other settings; running it again%n",
                        number, total, id);
            }
            pending.add(
                    () -> {
                        log.printf("[%d/%d] %s%s%n", number, total, id, logNote(parallel, number));
                        long start = System.nanoTime();
                        Map<String, Object> record =
                                runChild(config, suite.measure(), number, parallel);
                        synchronized (records) {
                            records.add(record);
                            AtomicFiles.writeString(resultsFile, Json.GSON.toJson(records));
                        }
                        if (parallel > 1) {
                            log.printf(
                                    "[%d/%d] %s %s after %.1f min%n",
                                    number,
                                    total,
                                    id,
                                    record.containsKey("error") ? "failed" : "finished",
                                    (System.nanoTime() - start) / 60e9);
                        }
                        return null;
                    });
        }
        ChildJvm.runAll(pending, parallel);
        // Parallel cases finish in any order; results and report list them in the suite's.
        List<String> order = suite.cases().stream().map(CaseResult::id).toList();
        records.sort(
                Comparator.comparingInt(
                        r -> {
                            int i = order.indexOf(String.valueOf(r.get("id")));
                            return i < 0 ? order.size() : i;
                        }));
        AtomicFiles.writeString(resultsFile, Json.GSON.toJson(records));
        new BenchReport(suite, records).write(out);
        log.println(
                "Results: "
                        + resultsFile.toAbsolutePath()
                        + ", report: "
                        + out.resolve("results.md"));
        return records;
    }

    private int parallelism(BenchSuite suite) {
        int wanted = jobs != null ? jobs : suite.jobs();
        if (wanted < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + wanted);
        }
        if (wanted > 1 && suite.measure() == BenchSuite.Measure.MEMORY) {
            log.println("Memory cases run one at a time, so that step times are comparable.");
            return 1;
        }
        return wanted;
    }

    private static String logNote(int parallel, int number) {
        return parallel > 1 ? " (log: cases/case-" + number + ".log)" : "";
    }

    private Map<String, Object> runChild(
            RunConfig config, BenchSuite.Measure measure, int index, int parallel)
            throws IOException, InterruptedException {
        Path cases = Files.createDirectories(out.resolve("cases"));
        Path configFile = cases.resolve("case-" + index + ".json");
        Path resultFile = cases.resolve("case-" + index + ".result.json");
        config =
                config.toBuilder()
                        .optPredictionsFile(
                                cases.resolve("case-" + index + ".predictions").toString())
                        .build();
        AtomicFiles.writeString(configFile, config.toJson());
        Files.deleteIfExists(resultFile);
        // Interleaved progress bars would be unreadable: parallel cases log to files of their own.
        Path log = parallel > 1 ? cases.resolve("case-" + index + ".log") : null;
        Map<String, String> env =
                measure == BenchSuite.Measure.MEMORY
                        // Every tensor in its own mapping: RSS then follows live tensors.
                        ? Map.of("MALLOC_MMAP_THRESHOLD_", "65536")
                        : Map.of();
        int exit =
                ChildJvm.run(
                        List.of(
                                "run-case",
                                configFile.toString(),
                                resultFile.toString(),
                                measure.name()),
                        parallel,
                        log,
                        env);
        if (exit != 0 || !Files.exists(resultFile)) {
            Map<String, Object> failed =
                    new LinkedHashMap<>(CaseResult.of(config, List.of()).fields());
            failed.put("k", config.k());
            String where = parallel > 1 ? "cases/case-" + index + ".log" : "the log above";
            failed.put("error", "case process exited with status " + exit + "; see " + where);
            return failed;
        }
        return Json.GSON.fromJson(Files.readString(resultFile), RECORD);
    }

    /**
     * The records of an earlier run. A file that cannot be read as records (empty, or cut short by
     * a crash of an older version) is moved aside with a warning, so it never blocks a re-run.
     */
    List<Map<String, Object>> readRecords(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        List<Map<String, Object>> records;
        try {
            records = Json.GSON.fromJson(Files.readString(file), RECORDS);
        } catch (com.google.gson.JsonParseException e) {
            records = null;
        }
        if (records == null) {
            Path aside =
                    file.resolveSibling(
                            file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            Files.move(file, aside);
            log.println(
                    "warning: "
                            + file
                            + " is not a list of records (empty or cut short); moved to "
                            + aside
                            + ", every case runs again");
            return new ArrayList<>();
        }
        return new ArrayList<>(records);
    }
}
