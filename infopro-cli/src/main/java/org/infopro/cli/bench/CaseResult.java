package org.infopro.cli.bench;

import ai.djl.engine.Engine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infopro.core.config.RunConfig;

/**
 * One benchmark record as written to {@code results.json}: the case's configuration, its
 * measurements ({@code test_top1}, {@code peak_memory_mb}, {@code ms_per_step}, …) and provenance.
 * Kept as an ordered map so every task can add its own metric names.
 */
public final class CaseResult {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Starts a record with the case's identity and configuration. */
    public static CaseResult of(RunConfig config, List<Integer> moduleSizes) {
        CaseResult r = new CaseResult();
        r.put("id", id(config));
        r.put("config_key", configKey(config));
        r.put("task", config.task());
        // Asynchronous runs are a method of their own in reports, as the paper's Asy-InfoPro row.
        r.put("method", config.asyncQueue() > 0 ? config.method() + " (async)" : config.method());
        r.put("async_queue", config.asyncQueue());
        r.put("backbone", config.backbone());
        r.put("k", moduleSizes.size());
        r.put("split", moduleSizes.size() == 1 ? "e2e" : config.split());
        r.put("module_blocks", moduleSizes);
        r.put("dataset", config.dataset());
        r.put("train_samples", config.trainLimit());
        r.put("epochs", config.epochs());
        r.put("max_steps_per_epoch", config.maxSteps());
        r.put("batch", config.batch());
        r.put("lr", config.lr());
        r.put("seed", config.seed());
        r.put("lambdas", config.lambdas());
        return r;
    }

    /** The identity of a case within a suite (used to skip finished cases on a re-run). */
    public static String id(RunConfig c) {
        return String.join(
                "/",
                c.task(),
                c.backbone(),
                c.asyncQueue() > 0 ? c.method() + "-async" + c.asyncQueue() : c.method(),
                "k" + c.k(),
                c.split(),
                "seed" + c.seed(),
                "b" + c.batch());
    }

    /**
     * A digest of the case's whole resolved configuration (where predictions go aside): a re-run
     * reuses a record only when this matches, so changed steps, epochs or data run again.
     */
    public static String configKey(RunConfig c) {
        RunConfig keyed = c.toBuilder().optPredictionsFile(null).build();
        try {
            byte[] digest =
                    java.security.MessageDigest.getInstance("SHA-256")
                            .digest(
                                    keyed.toJson()
                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds or replaces a field. */
    public CaseResult put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Adds the run's provenance: versions, machine, time. */
    public CaseResult withProvenance() {
        put("java", System.getProperty("java.version"));
        put(
                "djl_engine",
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        put("cpus", Runtime.getRuntime().availableProcessors());
        put("finished_at", java.time.Instant.now().toString());
        return this;
    }

    /** The fields in insertion order. */
    public Map<String, Object> fields() {
        return fields;
    }
}
