package org.infopro.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code torch.save}'s zip format: {@code NAME/data.pkl} (a pickle whose tensors refer to storages
 * by key) and one {@code NAME/data/KEY} file of raw little-endian bytes per storage. The pickle is
 * read by {@link RestrictedUnpickler}, which builds tensors, dictionaries and plain values only.
 */
final class TorchZip {

    /** Where a checkpoint keeps its state dict, outermost first (mmengine, DeiT, wrappers). */
    private static final List<String> NESTED = List.of("state_dict", "model", "module");

    private static final byte[] ZIP = {'P', 'K', 3, 4};

    /** Every entry's time, fixed (PyTorch's own writer leaves the zip format's zero there). */
    private static final java.time.LocalDateTime ZIP_TIME =
            java.time.LocalDateTime.of(1980, 1, 1, 0, 0);

    private TorchZip() {}

    static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        requireZip(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pickle =
                    zip.stream()
                            .filter(
                                    e ->
                                            e.getName().endsWith("/data.pkl")
                                                    || e.getName().equals("data.pkl"))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IOException(
                                                    file
                                                            + ": a zip without data.pkl is not a torch.save checkpoint"));
            String root =
                    pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            requireLittleEndian(zip, root, file);
            Map<String, ByteBuffer> storages = new HashMap<>();
            RestrictedUnpickler unpickler =
                    new RestrictedUnpickler(key -> storage(zip, root, key, storages, file));
            Object top;
            try (InputStream in = zip.getInputStream(pickle)) {
                top = unpickler.load(in);
            } catch (net.razorvine.pickle.PickleException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            return tensors(stateDictOf(top, file), manager, file);
        }
    }

    private static void requireZip(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4 || !java.util.Arrays.equals(head, ZIP)) {
                throw new IOException(
                        file
                                + ": not a torch.save file (zip, or the format before PyTorch"
                                + " 1.6) or .safetensors file");
            }
        }
    }

    private static void requireLittleEndian(ZipFile zip, String root, Path file)
            throws IOException {
        ZipEntry order = zip.getEntry(root + "byteorder");
        if (order != null) {
            try (InputStream in = zip.getInputStream(order)) {
                String value = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (!value.equals("little")) {
                    throw new IOException(
                            file
                                    + ": storages are "
                                    + value
                                    + "-endian; only little-endian is read");
                }
            }
        }
    }

    private static ByteBuffer storage(
            ZipFile zip, String root, String key, Map<String, ByteBuffer> cache, Path file) {
        return cache.computeIfAbsent(
                key,
                k -> {
                    ZipEntry entry = zip.getEntry(root + "data/" + k);
                    if (entry == null) {
                        throw new IllegalArgumentException(file + ": storage " + k + " is missing");
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    /** The dictionary of tensors in a checkpoint, unwrapping the usual nestings. */
    static Map<?, ?> stateDictOf(Object top, Path file) throws IOException {
        Object current = top;
        for (int depth = 0; depth < 3 && current instanceof Map<?, ?> map; depth++) {
            Object nested = null;
            for (String key : NESTED) {
                if (map.get(key) instanceof Map<?, ?> inner && !inner.isEmpty()) {
                    nested = inner;
                    break;
                }
            }
            if (nested == null) {
                break;
            }
            current = nested;
        }
        if (!(current instanceof Map<?, ?> dict)) {
            throw new IOException(file + ": the checkpoint holds no dictionary of tensors");
        }
        return dict;
    }

    static Map<String, NDArray> tensors(Map<?, ?> dict, NDManager manager, Path file)
            throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (e.getValue() instanceof RestrictedUnpickler.TensorRef ref) {
                tensors.put(String.valueOf(e.getKey()), ref.toArray(manager));
            }
        }
        if (tensors.isEmpty()) {
            throw new IOException(file + ": the checkpoint holds no tensors");
        }
        return tensors;
    }

    /** PyTorch's name of the storage class of a data type: the reader's table, inverted. */
    private static final Map<ai.djl.ndarray.types.DataType, String> STORAGE_NAMES =
            RestrictedUnpickler.STORAGES.entrySet().stream()
                    .collect(
                            java.util.stream.Collectors.toMap(
                                    Map.Entry::getValue, Map.Entry::getKey));

    /**
     * Writes tensors (in this order) as {@code torch.save} writes a state dict, atomically: an
     * {@code OrderedDict} of contiguous tensors, one storage each, in a zip of stored entries under
     * {@code archive/}, which {@code torch.load} reads.
     */
    static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        org.infopro.core.io.AtomicFiles.write(
                file,
                out -> {
                    java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out);
                    stored(zip, "archive/data.pkl", pickle(tensors));
                    int key = 0;
                    for (NDArray array : tensors.values()) {
                        ByteBuffer data = array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        stored(zip, "archive/data/" + key++, bytes);
                    }
                    stored(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
                    stored(zip, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
                    zip.finish();
                });
    }

    private static void stored(java.util.zip.ZipOutputStream zip, String name, byte[] bytes)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ZIP_TIME); // the same weights give the same file
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * {@code OrderedDict([(name, _rebuild_tensor_v2(storage, 0, size, stride, False,
     * OrderedDict())), …])}.
     */
    private static byte[] pickle(Map<String, NDArray> tensors) {
        PickleWriter p = new PickleWriter();
        p.global("collections", "OrderedDict").op(')').op('R').op('(');
        int key = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray array = e.getValue();
            String storage = STORAGE_NAMES.get(array.getDataType());
            if (storage == null) {
                throw new IllegalArgumentException(
                        e.getKey()
                                + ": torch.save cannot hold dtype "
                                + array.getDataType()
                                + " here");
            }
            p.string(e.getKey())
                    .tensor(storage, String.valueOf(key++), array.getShape().getShape());
        }
        return p.op('u').op('.').bytes();
    }
}
