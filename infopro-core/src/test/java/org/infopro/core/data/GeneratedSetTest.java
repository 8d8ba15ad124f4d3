package org.infopro.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated set is written only into a new, empty or its own folder. */
class GeneratedSetTest {

    private final AtomicInteger writes = new AtomicInteger();

    private void ensure(Path root) throws IOException {
        GeneratedSet.ensure(
                "toy",
                root,
                root.resolve("val.txt"),
                3,
                () -> {
                    writes.incrementAndGet();
                    Files.writeString(root.resolve("train.txt"), "generated");
                    Files.writeString(root.resolve("val.txt"), "generated");
                });
    }

    @Test
    void aFolderHoldingTheUsersFilesIsNeverWrittenTo(@TempDir Path dir) throws Exception {
        Path users = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(users.resolve("train.txt"), "my own list");
        IOException e = assertThrows(IOException.class, () -> ensure(users));
        assertTrue(e.getMessage().startsWith(users.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("train.txt"), e.getMessage());
        assertEquals("my own list", Files.readString(users.resolve("train.txt")));
        assertFalse(Files.exists(users.resolve(GeneratedSet.STAMP)));
        assertEquals(0, writes.get());
    }

    @Test
    void newAndEmptyFoldersAreGeneratedOnceThenReused(@TempDir Path dir) throws Exception {
        ensure(dir.resolve("new"));
        ensure(Files.createDirectories(dir.resolve("empty")));
        ensure(dir.resolve("new"));
        assertEquals(2, writes.get());
        assertEquals("3", Files.readString(dir.resolve("new").resolve(GeneratedSet.STAMP)).trim());
    }

    @Test
    void itsOwnIncompleteOrOlderSetIsWrittenAgain(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("set"));
        // A generator killed half-way: stamped incomplete, last file missing.
        Files.writeString(root.resolve(GeneratedSet.STAMP), "incomplete\n");
        Files.writeString(root.resolve("train.txt"), "half");
        ensure(root);
        assertEquals(1, writes.get());
        Files.writeString(root.resolve(GeneratedSet.STAMP), "2\n");
        ensure(root);
        assertEquals(2, writes.get(), "another version's set is regenerated");
    }

    @Test
    void aCompleteUnstampedSetIsReadAsItIs(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("hand"));
        Files.writeString(root.resolve("val.txt"), "by hand");
        ensure(root);
        assertEquals(0, writes.get());
        assertEquals("by hand", Files.readString(root.resolve("val.txt")));
    }
}
