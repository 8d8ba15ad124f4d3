package org.infopro.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is replaced whole or not at all, and leftovers of killed writers are removed. */
class AtomicFilesTest {

    @Test
    void aWriterThatFailsHalfWayLeavesTheOldFileAndNoPart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        AtomicFiles.writeString(file, "[1]");
        assertThrows(
                IOException.class,
                () ->
                        AtomicFiles.write(
                                file,
                                out -> {
                                    out.write("[1, 2".getBytes());
                                    throw new IOException("disk full");
                                }));
        assertEquals("[1]", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no .part file left");
        }
        AtomicFiles.writeString(file, "[1, 2]");
        assertEquals("[1, 2]", Files.readString(file));
    }

    @Test
    void leftoverPartsOfOneFileAreDeletedAndOthersKept(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("checkpoint.ckpt.123.part"), "half");
        Files.writeString(dir.resolve("checkpoint.ckpt.456.part"), "half");
        Files.writeString(dir.resolve("other.json.1.part"), "someone else's");
        assertEquals(2, AtomicFiles.deleteLeftovers(dir.resolve("checkpoint.ckpt")));
        assertFalse(Files.exists(dir.resolve("checkpoint.ckpt.123.part")));
        assertEquals("someone else's", Files.readString(dir.resolve("other.json.1.part")));
    }
}
