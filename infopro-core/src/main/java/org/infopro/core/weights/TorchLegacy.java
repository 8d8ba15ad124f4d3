package org.infopro.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;

/**
 * {@code torch.save}'s format before PyTorch 1.6 (still written with {@code
 * _use_new_zipfile_serialization=False}), which many published checkpoints have: five pickles in a
 * row — a magic number, the format's protocol (1001), the saving system's byte order and type
 * sizes, the object (whose tensors name their storages by key, as in the zip format) and the
 * storage keys in order — then every storage as a little-endian int64 element count and its raw
 * bytes. The object's pickle is read by {@link RestrictedUnpickler} as the zip format's is.
 */
final class TorchLegacy {

    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final int PROTOCOL = 1001;

    private TorchLegacy() {}

    /**
     * Whether the file starts with the legacy format's first pickle: PROTO n, then the magic number
     * as LONG1 with 10 little-endian bytes.
     */
    static boolean isLegacy(Path file) throws IOException {
        byte[] head = new byte[14];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return false;
            }
        }
        if ((head[0] & 0xff) != 0x80 || (head[2] & 0xff) != 0x8a || head[3] != 10) {
            return false;
        }
        byte[] magic = new byte[10];
        for (int i = 0; i < magic.length; i++) {
            magic[i] = head[head.length - 1 - i];
        }
        return new BigInteger(1, magic).equals(MAGIC);
    }

    static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Map<String, ByteBuffer> storages = new HashMap<>();
            RestrictedUnpickler unpickler =
                    new RestrictedUnpickler(
                            key -> {
                                ByteBuffer bytes = storages.get(key);
                                if (bytes == null) {
                                    throw new IllegalArgumentException(
                                            file + ": storage " + key + " is missing");
                                }
                                return bytes;
                            });
            Object top;
            List<?> keys;
            try {
                requireHeader(in, file);
                top = unpickler.load(in);
                if (!(plain(in) instanceof List<?> list)) {
                    throw new IOException(file + ": no list of storage keys after the object");
                }
                keys = list;
            } catch (PickleException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            for (Object key : keys) {
                String name = String.valueOf(key);
                DataType type = unpickler.storageTypes().get(name);
                if (type == null) {
                    throw new IOException(file + ": storage " + name + " is named by no tensor");
                }
                storages.put(name, storage(in, type, name, file));
            }
            return TorchZip.tensors(TorchZip.stateDictOf(top, file), manager, file);
        }
    }

    /** The magic number, the protocol and a little-endian saving system. */
    private static void requireHeader(InputStream in, Path file) throws IOException {
        if (!MAGIC.equals(plain(in))) {
            throw new IOException(file + ": not a torch.save file (its magic number differs)");
        }
        Object protocol = plain(in);
        if (!(protocol instanceof Number n) || n.intValue() != PROTOCOL) {
            throw new IOException(file + ": torch.save protocol " + protocol + ", not " + PROTOCOL);
        }
        if (plain(in) instanceof Map<?, ?> system
                && Boolean.FALSE.equals(system.get("little_endian"))) {
            throw new IOException(file + ": saved big-endian; only little-endian is read");
        }
    }

    /** One pickle of plain values (it may name no global but the allowed ones either). */
    private static Object plain(InputStream in) throws IOException {
        return new RestrictedUnpickler(
                        key -> {
                            throw new PickleException("a storage outside the object's pickle");
                        })
                .load(in);
    }

    /** An element count (int64, little-endian), then that many elements of {@code type}. */
    private static ByteBuffer storage(InputStream in, DataType type, String key, Path file)
            throws IOException {
        byte[] count = in.readNBytes(Long.BYTES);
        if (count.length < Long.BYTES) {
            throw new IOException(file + ": storage " + key + " is cut short");
        }
        long elements = ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long size = elements * type.getNumOfBytes();
        if (elements < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IOException(file + ": storage " + key + " claims " + elements + " elements");
        }
        byte[] bytes = in.readNBytes((int) size);
        if (bytes.length < size) {
            throw new IOException(file + ": storage " + key + " is cut short");
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
