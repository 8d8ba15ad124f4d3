package org.infopro.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written whole or not at all: the content goes to a {@code .part} file beside the target,
 * which is renamed over it once complete, so a crash mid-write leaves the old file (or none), never
 * a half-written one.
 */
public final class AtomicFiles {

    /** Suffix of the temporary files; leftovers from killed writers carry it. */
    public static final String PART = ".part";

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes the file's bytes to {@code out} (a temporary file, renamed when done). */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code text} (UTF-8) to {@code file} atomically. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@code bytes} to {@code file} atomically. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** Writes what {@code content} produces to {@code file} atomically. */
    public static void write(Path file, Content content) throws IOException {
        write(file, null, content);
    }

    /**
     * Writes what {@code content} produces to {@code file} atomically; once the new content is
     * complete, the file it replaces is renamed to {@code previous} (when not null) instead of
     * being discarded.
     */
    public static void write(Path file, Path previous, Content content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString() + ".", PART);
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            if (previous != null && Files.exists(file)) {
                move(file, previous);
            }
            move(temporary, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Deletes the {@code .part} files that killed writers of {@code file} left beside it.
     *
     * @return how many were deleted
     */
    public static int deleteLeftovers(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        int deleted = 0;
        String glob = file.getFileName().toString() + "*" + PART;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(parent, glob)) {
            for (Path part : parts) {
                if (Files.deleteIfExists(part)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
