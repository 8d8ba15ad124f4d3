package org.infopro.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infopro.core.io.AtomicFiles;
import org.infopro.core.train.Checkpoint;

/** The checks {@code train --out DIR} makes before any work starts. */
final class RunFolder {

    private RunFolder() {}

    /** The checkpoint a run in {@code out} writes. */
    static Path checkpoint(Path out) {
        return out.resolve("checkpoint.ckpt");
    }

    /** The files a run writes into its folder. */
    private static List<Path> runFiles(Path out) {
        Path checkpoint = checkpoint(out);
        return List.of(
                checkpoint,
                Checkpoint.previous(checkpoint),
                out.resolve("history.json"),
                config(out));
    }

    /** The run's resolved configuration, as JSON (also inside every checkpoint). */
    static Path config(Path out) {
        return out.resolve("config.json");
    }

    /**
     * Refuses a folder that already holds a run unless {@code overwrite}; with it, deletes that
     * run's files (and only those).
     */
    static void prepareForNewRun(Path out, boolean overwrite) throws IOException {
        List<Path> existing = runFiles(out).stream().filter(Files::exists).toList();
        if (existing.isEmpty()) {
            return;
        }
        if (!overwrite) {
            throw new IllegalArgumentException(
                    "--out "
                            + out
                            + " already holds a run ("
                            + String.join(
                                    ", ",
                                    existing.stream().map(f -> f.getFileName().toString()).toList())
                            + "); continue it with --resume, or pass --overwrite to start over"
                            + " and replace it");
        }
        for (Path file : existing) {
            Files.delete(file);
        }
        AtomicFiles.deleteLeftovers(checkpoint(out));
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
