package org.infopro.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/** Truncated images are refused by name; the native library is cached once per machine. */
class OpenCvTest {

    @TempDir Path dir;

    @Test
    void truncatedJpegAndPngFilesAreRefusedNamingTheFile() throws IOException {
        byte[] rgb = new byte[32 * 48 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        for (String format : new String[] {"jpg", "png"}) {
            Path file = dir.resolve("image." + format);
            ImageFiles.writeRgb(file, rgb, 32, 48, format);
            Mat whole = OpenCv.readRgb(file);
            assertEquals(32, whole.rows());
            whole.release();
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, bytes.length * 2 / 3));
            IOException e = assertThrows(IOException.class, () -> OpenCv.readRgb(file));
            assertTrue(e.getMessage().startsWith(file + ": truncated"), e.getMessage());
        }
    }

    @Test
    void anEmptyFileIsNotAnImage() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.png"));
        IOException e = assertThrows(IOException.class, () -> OpenCv.readRgb(file));
        assertTrue(e.getMessage().startsWith(file + ": not a readable image"), e.getMessage());
    }

    @Test
    void theNativeLibraryIsLoadedFromTheMachinesCache() {
        OpenCv.load();
        Path library = OpenCv.cacheFolder().resolve("4.9.0-0").resolve("libopencv_java490.so");
        assertTrue(Files.isRegularFile(library), library.toString());
    }
}
