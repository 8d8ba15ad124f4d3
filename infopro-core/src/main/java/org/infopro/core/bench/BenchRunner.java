package org.infopro.core.bench;

import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infopro.core.train.Json;
import org.infopro.core.train.RunConfig;

/**
 * Runs a suite case by case, each in a fresh JVM so that memory peaks do not leak from one case
 * into the next, and appends every record to {@code results.json} as soon as it exists. A re-run
 * into the same folder skips the cases already recorded and retries failed ones, so an interrupted
 * suite resumes.
 */
public final class BenchRunner {

    /** Main class of the child JVMs. */
    public static final String CHILD_MAIN = "org.infopro.core.cli.InfoProCli";

    private static final Type RECORDS = new TypeToken<List<Map<String, Object>>>() {}.getType();
    private static final Type RECORD = new TypeToken<Map<String, Object>>() {}.getType();

    private final Path out;
    private final PrintStream log;

    public BenchRunner(Path out, PrintStream log) {
        this.out = out;
        this.log = log;
    }

    /** Runs every case not yet in {@code results.json}, then writes the report. */
    public List<Map<String, Object>> run(BenchSuite suite)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path resultsFile = out.resolve("results.json");
        List<Map<String, Object>> records = readRecords(resultsFile);
        // Failed cases are tried again; finished ones are kept.
        records.removeIf(r -> r.containsKey("error"));
        int index = 0;
        for (RunConfig config : suite.cases()) {
            index++;
            String id = CaseResult.id(config);
            if (records.stream().anyMatch(r -> id.equals(r.get("id")))) {
                log.printf(
                        "[%d/%d] %s already recorded, skipped%n", index, suite.cases().size(), id);
                continue;
            }
            log.printf("[%d/%d] %s%n", index, suite.cases().size(), id);
            records.add(runChild(config, suite.measure(), index));
            Files.writeString(resultsFile, Json.GSON.toJson(records));
        }
        new BenchReport(suite, records).write(out);
        log.println(
                "Results: "
                        + resultsFile.toAbsolutePath()
                        + ", report: "
                        + out.resolve("results.md"));
        return records;
    }

    private Map<String, Object> runChild(RunConfig config, BenchSuite.Measure measure, int index)
            throws IOException, InterruptedException {
        Path cases = Files.createDirectories(out.resolve("cases"));
        Path configFile = cases.resolve("case-" + index + ".json");
        Path resultFile = cases.resolve("case-" + index + ".result.json");
        config = config.copy();
        config.predictionsFile = cases.resolve("case-" + index + ".predictions").toString();
        Files.writeString(configFile, Json.GSON.toJson(config));
        Files.deleteIfExists(resultFile);
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.add("-Djava.awt.headless=true");
        command.add("-Xmx" + System.getProperty("infopro.child.xmx", "3g"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CHILD_MAIN);
        command.addAll(
                List.of("run-case", configFile.toString(), resultFile.toString(), measure.name()));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = builder.environment();
        env.put("OPT_OUT_TRACKING", "true");
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        if (measure == BenchSuite.Measure.MEMORY) {
            // Every tensor in its own mapping: RSS then follows live tensors, not malloc's cache.
            env.put("MALLOC_MMAP_THRESHOLD_", "65536");
        }
        int exit = builder.start().waitFor();
        if (exit != 0 || !Files.exists(resultFile)) {
            Map<String, Object> failed =
                    new LinkedHashMap<>(CaseResult.of(config, List.of()).fields());
            failed.put("k", config.k);
            failed.put("error", "case process exited with status " + exit + "; see the log above");
            return failed;
        }
        return Json.GSON.fromJson(Files.readString(resultFile), RECORD);
    }

    static List<Map<String, Object>> readRecords(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        List<Map<String, Object>> records = Json.GSON.fromJson(Files.readString(file), RECORDS);
        return records == null ? new ArrayList<>() : new ArrayList<>(records);
    }
}
