package org.infopro.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark set generated on first use and kept on disk, stamped with its generator's version: a
 * set stamped by another version is written again, an unstamped set (written by hand or by a test)
 * is read as it is.
 */
public final class GeneratedSet {

    /** Writes the set's files under its root. */
    @FunctionalInterface
    public interface Writer {
        void write() throws IOException;
    }

    private GeneratedSet() {}

    /**
     * Generates the set under {@code root} unless it is there and current.
     *
     * @param name the set's name, for the log line
     * @param lastFile a file written last by the generator, whose presence means the set is whole
     * @param version the generator's version
     */
    public static synchronized void ensure(
            String name, Path root, Path lastFile, int version, Writer writer) throws IOException {
        Path stamp = root.resolve("GENERATOR_VERSION");
        String expected = Integer.toString(version);
        boolean stale = Files.exists(stamp) && !Files.readString(stamp).trim().equals(expected);
        if (Files.exists(lastFile) && !stale) {
            return;
        }
        System.err.println("Generating the " + name + " set under " + root + " …");
        writer.write();
        Files.writeString(stamp, expected + "\n");
    }
}
