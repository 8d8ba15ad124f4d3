package org.infopro.core.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The checks {@code train --out DIR} makes before any work starts. */
final class RunFolder {

    /** The files a run writes into its folder. */
    static final List<String> RUN_FILES =
            List.of("checkpoint.ckpt", "checkpoint.prev.ckpt", "history.json");

    private RunFolder() {}

    /**
     * Refuses a folder that already holds a run unless {@code overwrite}; with it, deletes that
     * run's files (and only those).
     */
    static void prepareForNewRun(Path out, boolean overwrite) throws IOException {
        List<String> existing =
                RUN_FILES.stream().filter(f -> Files.exists(out.resolve(f))).toList();
        if (existing.isEmpty()) {
            return;
        }
        if (!overwrite) {
            throw new IllegalArgumentException(
                    "--out "
                            + out
                            + " already holds a run ("
                            + String.join(", ", existing)
                            + "); continue it with --resume, or pass --overwrite to start over"
                            + " and replace it");
        }
        for (String name : existing) {
            Files.delete(out.resolve(name));
        }
        Path checkpoint = out.resolve("checkpoint.ckpt");
        org.infopro.core.io.AtomicFiles.deleteLeftovers(checkpoint);
        System.err.println("Overwriting the run in " + out);
    }

    /** Creates the folder and proves it writable, or names the cause. */
    static void requireWritable(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--out " + out + " is not writable (" + describe(e) + ")", e);
        }
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
