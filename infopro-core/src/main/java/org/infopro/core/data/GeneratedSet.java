package org.infopro.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.infopro.core.io.AtomicFiles;

/**
 * A benchmark set generated on first use and kept on disk, stamped with its generator's version: a
 * set stamped by another version (or left incomplete by a killed generator) is written again, an
 * unstamped complete set (written by hand or by a test) is read as it is.
 *
 * <p>The generator writes only into a folder that is new, empty, or stamped as its own: a folder
 * that holds anything else is the user's, and is never written to.
 */
public final class GeneratedSet {

    /** The stamp file's name. */
    public static final String STAMP = "GENERATOR_VERSION";

    /** Stamp content while the generator runs. */
    private static final String INCOMPLETE = "incomplete";

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
     * @throws IOException naming the folder when it holds files that are not this set's
     */
    public static synchronized void ensure(
            String name, Path root, Path lastFile, int version, Writer writer) throws IOException {
        Path stamp = root.resolve(STAMP);
        String expected = Integer.toString(version);
        boolean stamped = Files.isRegularFile(stamp);
        boolean current = !stamped || Files.readString(stamp).trim().equals(expected);
        if (Files.exists(lastFile) && current) {
            return;
        }
        if (!stamped) {
            requireEmpty(name, root);
        }
        System.err.println("Generating the " + name + " set under " + root + " …");
        Files.createDirectories(root);
        // Stamped first: a generator killed half-way leaves a folder known to be its own.
        AtomicFiles.writeString(stamp, INCOMPLETE + "\n");
        writer.write();
        AtomicFiles.writeString(stamp, expected + "\n");
    }

    private static void requireEmpty(String name, Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": is a file; the " + name + " set needs a folder");
        }
        List<Path> present;
        try (Stream<Path> files = Files.list(root)) {
            present = files.limit(3).toList();
        }
        if (!present.isEmpty()) {
            throw new IOException(
                    root
                            + ": holds files that are not a complete "
                            + name
                            + " set (e.g. "
                            + present.get(0).getFileName()
                            + "); the set is generated only into a new or empty folder, so this"
                            + " one is left untouched. Give --data an empty folder, or leave"
                            + " --data out to use the standard cache folder.");
        }
    }
}
