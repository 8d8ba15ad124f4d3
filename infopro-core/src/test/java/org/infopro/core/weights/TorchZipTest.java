package org.infopro.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torch.save} zips written byte by byte as PyTorch writes them (protocol-2 pickles): tensors
 * and nested dictionaries are read, anything else a pickle asks for is refused by name.
 */
class TorchZipTest {

    @TempDir Path dir;

    private Path zip(String name, byte[] pickle, float[]... storages) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pickle);
            for (int i = 0; i < storages.length; i++) {
                zip.putNextEntry(new ZipEntry("archive/data/" + i));
                ByteBuffer b =
                        ByteBuffer.allocate(storages[i].length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(storages[i]);
                zip.write(b.array());
            }
        }
        return file;
    }

    @Test
    void aNestedStateDictIsReadInOrderWithoutTheWrapperPrefix() throws IOException {
        // {'meta': 'x', 'state_dict': OrderedDict(module.b=tensor(2x2), module.a=tensor(3))}
        PickleWriter p = new PickleWriter().op('}').op('(').string("meta").string("x");
        p.string("state_dict").global("collections", "OrderedDict").op(')').op('R').op('(');
        p.string("module.b").tensor("FloatStorage", "0", new long[] {2, 2});
        p.string("module.a").tensor("FloatStorage", "1", new long[] {3}).op('u');
        p.op('}').op('b'); // BUILD with the OrderedDict's _metadata-like state
        p.op('u').op('.');
        Path file = zip("nested.pth", p.bytes(), new float[] {1, 2, 3, 4}, new float[] {5, 6, 7});
        try (NDManager m = NDManager.newBaseManager();
                StateDict state = StateDict.read(file, m)) {
            assertEquals(List.of("b", "a"), List.copyOf(state.tensors().keySet()));
            assertArrayEquals(new float[] {1, 2, 3, 4}, state.get("b").toFloatArray());
            assertEquals(new ai.djl.ndarray.types.Shape(2, 2), state.get("b").getShape());
            assertArrayEquals(new float[] {5, 6, 7}, state.get("a").toFloatArray());
        }
    }

    @Test
    void whatWeWriteAsTorchSaveReadsBackInOrder() throws IOException {
        Path file = dir.resolve("ours.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> out = new LinkedHashMap<>();
            out.put("layer.weight", m.arange(6f).reshape(3, 2));
            out.put("layer.num_batches_tracked", m.create(5L));
            out.put("a.bias", m.create(new float[] {-1, 2}));
            WeightLoader.exportTensors(file, out);
            try (StateDict state = StateDict.read(file, m)) {
                assertEquals(List.copyOf(out.keySet()), List.copyOf(state.tensors().keySet()));
                assertArrayEquals(
                        out.get("layer.weight").toFloatArray(),
                        state.get("layer.weight").toFloatArray());
                assertEquals(
                        new ai.djl.ndarray.types.Shape(3, 2), state.get("layer.weight").getShape());
                assertEquals(5L, state.get("layer.num_batches_tracked").getLong());
                assertArrayEquals(new float[] {-1, 2}, state.get("a.bias").toFloatArray());
            }
        }
    }

    @Test
    void aPickleThatAsksForAnythingButTensorsIsRefusedNamingIt() throws IOException {
        byte[] evil =
                new PickleWriter()
                        .global("os", "system")
                        .string("echo hi")
                        .op(0x85)
                        .op('R')
                        .op('.')
                        .bytes();
        Path file = zip("evil.pth", evil);
        try (NDManager m = NDManager.newBaseManager()) {
            IOException e = assertThrows(IOException.class, () -> StateDict.read(file, m));
            assertTrue(
                    e.getMessage().contains(file.toString())
                            && e.getMessage().contains("asks for os.system")
                            && e.getMessage().contains("refused"),
                    e.getMessage());
        }
    }

    @Test
    void aForeignFileIsRefusedNamingTheFile() throws IOException {
        Path foreign = dir.resolve("old.pth");
        Files.write(foreign, new byte[] {(byte) 0x80, 2, 'c', 'x'});
        try (NDManager m = NDManager.newBaseManager()) {
            IOException e = assertThrows(IOException.class, () -> StateDict.read(foreign, m));
            assertTrue(
                    e.getMessage().startsWith(foreign + ": not a torch.save file"), e.getMessage());
        }
    }
}
