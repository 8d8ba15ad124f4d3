package org.infopro.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** A pickle being written opcode by opcode. */
    private static final class Pickle {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle() {
            out.write(0x80); // PROTO 2
            out.write(2);
        }

        Pickle op(int opcode) {
            out.write(opcode);
            return this;
        }

        Pickle global(String module, String name) {
            op('c');
            byte[] text = (module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII);
            out.write(text, 0, text.length);
            return this;
        }

        Pickle string(String s) {
            byte[] text = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            out.write(
                    ByteBuffer.allocate(4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putInt(text.length)
                            .array(),
                    0,
                    4);
            out.write(text, 0, text.length);
            return this;
        }

        Pickle integer(int value) {
            op('J');
            out.write(
                    ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array(),
                    0,
                    4);
            return this;
        }

        /**
         * {@code _rebuild_tensor_v2(storage KEY of N floats, 0, shape, contiguous stride, False,
         * {})}.
         */
        Pickle tensor(String key, int... shape) {
            global("torch._utils", "_rebuild_tensor_v2");
            op('(');
            op('(').string("storage").global("torch", "FloatStorage").string(key).string("cpu");
            int numel = 1;
            for (int d : shape) {
                numel *= d;
            }
            integer(numel).op('t').op('Q'); // TUPLE, BINPERSID
            integer(0);
            op('(');
            for (int d : shape) {
                integer(d);
            }
            op('t').op('(');
            int stride = numel;
            for (int d : shape) {
                stride /= d;
                integer(stride);
            }
            op('t').op(0x89).op('}').op('t').op('R'); // False, {}, TUPLE, REDUCE
            return this;
        }

        byte[] bytes() {
            out.write('.');
            return out.toByteArray();
        }
    }

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
        Pickle p = new Pickle().op('}').op('(').string("meta").string("x").string("state_dict");
        p.global("collections", "OrderedDict").op(')').op('R');
        p.op('(').string("module.b").tensor("0", 2, 2).string("module.a").tensor("1", 3).op('u');
        p.op('}').op('b'); // BUILD with the OrderedDict's _metadata-like state
        p.op('u');
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
    void aPickleThatAsksForAnythingButTensorsIsRefusedNamingIt() throws IOException {
        byte[] evil =
                new Pickle().global("os", "system").string("echo hi").op(0x85).op('R').bytes();
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
    void theLegacyFormatAndForeignFilesAreRefusedNamingTheFile() throws IOException {
        Path legacy = dir.resolve("old.pth");
        Files.write(legacy, new byte[] {(byte) 0x80, 2, 'c', 'x'});
        try (NDManager m = NDManager.newBaseManager()) {
            IOException e = assertThrows(IOException.class, () -> StateDict.read(legacy, m));
            assertTrue(
                    e.getMessage().startsWith(legacy + ": not a torch.save zip"), e.getMessage());
        }
    }
}
