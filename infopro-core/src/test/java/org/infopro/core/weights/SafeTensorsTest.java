package org.infopro.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safetensors files round-trip, and a damaged one is refused naming the file. */
class SafeTensorsTest {

    @TempDir Path dir;

    @Test
    void tensorsRoundTripInOrderWithTheirTypes() throws IOException {
        Path file = dir.resolve("w.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> out = new LinkedHashMap<>();
            out.put("z.weight", m.arange(6f).reshape(2, 3));
            out.put("a.count", m.create(7L));
            SafeTensors.write(file, out, Map.of("format", "pt"));
            Map<String, NDArray> in = SafeTensors.read(file, m);
            assertEquals(List.of("z.weight", "a.count"), List.copyOf(in.keySet()));
            assertEquals(new Shape(2, 3), in.get("z.weight").getShape());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, in.get("z.weight").toFloatArray());
            assertEquals(7L, in.get("a.count").getLong());
        }
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path file = dir.resolve("w.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            SafeTensors.write(file, Map.of("w", m.ones(new Shape(64))), Map.of());
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
            IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file, m));
            assertTrue(
                    e.getMessage().startsWith(file + ": tensor w has byte range"), e.getMessage());
        }
    }
}
