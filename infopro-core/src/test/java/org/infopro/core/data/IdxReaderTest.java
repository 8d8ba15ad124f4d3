package org.infopro.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.core.testing.TinyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged IDX files fail naming the file, before any pixel is used. */
class IdxReaderTest {

    @Test
    void aGzipWhoseCrcFailsIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        byte[] pixels = new byte[4 * 28 * 28];
        TinyFiles.writeIdx(images, labels, pixels, new byte[] {0, 1, 2, 3}, 28, 28, true);
        assertEquals(4, IdxReader.read(images, labels, 10).size());
        byte[] bytes = Files.readAllBytes(images);
        bytes[bytes.length - 6] ^= 0x55; // inside the CRC-32 of the gzip trailer
        Files.write(images, bytes);
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(images, labels, 10));
        assertTrue(e.getMessage().startsWith(images + ": damaged gzip data"), e.getMessage());
    }

    @Test
    void aFolderInsteadOfAFileIsNamed(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("train-images-idx3-ubyte"));
        IOException e =
                assertThrows(
                        IOException.class, () -> IdxReader.read(folder, dir.resolve("labels"), 10));
        assertEquals(folder + ": is a folder, expected an IDX file", e.getMessage());
    }
}
