package org.infopro.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.infopro.core.io.AtomicFiles;
import org.infopro.core.io.Json;

/**
 * The {@code .safetensors} format (Hugging Face): an 8-byte little-endian header length, a JSON
 * header naming each tensor's dtype, shape and byte range, then the raw little-endian data.
 */
public final class SafeTensors {

    /** The largest header accepted, as the reference implementation limits it. */
    private static final long MAX_HEADER = 100L << 20;

    private static final Map<String, DataType> TYPES =
            Map.of(
                    "F64", DataType.FLOAT64,
                    "F32", DataType.FLOAT32,
                    "F16", DataType.FLOAT16,
                    "BF16", DataType.BFLOAT16,
                    "I64", DataType.INT64,
                    "I32", DataType.INT32,
                    "I8", DataType.INT8,
                    "U8", DataType.UINT8,
                    "BOOL", DataType.BOOLEAN);

    private SafeTensors() {}

    /** Whether {@code file} is named {@code *.safetensors}. */
    static boolean isSafeTensors(Path file) {
        return file.getFileName().toString().endsWith(".safetensors");
    }

    /**
     * Reads every tensor of a safetensors file, in the order of their data.
     *
     * @throws IOException naming the file and the entry that is malformed
     */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer size = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, size, file);
            long headerLength = size.flip().getLong();
            if (headerLength <= 0
                    || headerLength > MAX_HEADER
                    || 8 + headerLength > channel.size()) {
                throw new IOException(
                        file + ": not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, file);
            JsonObject header;
            try {
                header =
                        Json.GSON.fromJson(
                                new String(headerBytes.array(), StandardCharsets.UTF_8),
                                JsonObject.class);
            } catch (RuntimeException e) {
                throw new IOException(file + ": safetensors header is not JSON", e);
            }
            long dataStart = 8 + headerLength;
            long dataLength = channel.size() - dataStart;
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            header.entrySet().stream()
                    .filter(e -> !e.getKey().equals("__metadata__"))
                    .sorted((a, b) -> Long.compare(begin(a.getValue()), begin(b.getValue())))
                    .forEachOrdered(e -> tensors.put(e.getKey(), null)); // the order of the data
            for (String name : tensors.keySet()) {
                JsonObject entry = header.getAsJsonObject(name);
                tensors.put(
                        name, tensor(channel, dataStart, dataLength, name, entry, file, manager));
            }
            return tensors;
        }
    }

    private static long begin(JsonElement entry) {
        return entry.getAsJsonObject().getAsJsonArray("data_offsets").get(0).getAsLong();
    }

    private static NDArray tensor(
            FileChannel channel,
            long dataStart,
            long dataLength,
            String name,
            JsonObject entry,
            Path file,
            NDManager manager)
            throws IOException {
        DataType type = TYPES.get(entry.get("dtype").getAsString());
        if (type == null) {
            throw new IOException(
                    file
                            + ": tensor "
                            + name
                            + " has dtype "
                            + entry.get("dtype")
                            + ", not one of "
                            + TYPES.keySet());
        }
        JsonArray dims = entry.getAsJsonArray("shape");
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).getAsLong();
        }
        JsonArray offsets = entry.getAsJsonArray("data_offsets");
        long begin = offsets.get(0).getAsLong();
        long end = offsets.get(1).getAsLong();
        long expected = new Shape(shape).size() * type.getNumOfBytes();
        if (begin < 0 || end > dataLength || end - begin != expected) {
            throw new IOException(
                    file
                            + ": tensor "
                            + name
                            + " has byte range ["
                            + begin
                            + ", "
                            + end
                            + ") for "
                            + expected
                            + " bytes of "
                            + new Shape(shape)
                            + " in "
                            + dataLength);
        }
        ByteBuffer data = ByteBuffer.allocateDirect((int) expected).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(dataStart + begin);
        readFully(channel, data, file);
        data.flip();
        return manager.create(data, new Shape(shape), type);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, Path file)
            throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException(file + ": safetensors file is truncated");
            }
        }
    }

    /**
     * Writes tensors (in this order) as a safetensors file, atomically.
     *
     * @param metadata free-form strings for the header's {@code __metadata__}
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata)
            throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray array = e.getValue();
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", nameOf(array.getDataType(), e.getKey()));
            JsonArray shape = new JsonArray();
            for (long d : array.getShape().getShape()) {
                shape.add(d);
            }
            entry.add("shape", shape);
            long bytes = array.getShape().size() * array.getDataType().getNumOfBytes();
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + bytes);
            entry.add("data_offsets", offsets);
            header.add(e.getKey(), entry);
            offset += bytes;
        }
        byte[] json = new com.google.gson.Gson().toJson(header).getBytes(StandardCharsets.UTF_8);
        int padding = (8 - json.length % 8) % 8; // the reference aligns the data to 8 bytes
        byte[] padded = new byte[json.length + padding];
        System.arraycopy(json, 0, padded, 0, json.length);
        java.util.Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        AtomicFiles.write(
                file,
                out -> {
                    ByteBuffer size = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                    size.putLong(padded.length);
                    out.write(size.array());
                    out.write(padded);
                    for (NDArray array : tensors.values()) {
                        ByteBuffer data = array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        out.write(bytes);
                    }
                });
    }

    private static String nameOf(DataType type, String tensor) {
        for (Map.Entry<String, DataType> e : TYPES.entrySet()) {
            if (e.getValue() == type) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException(tensor + ": cannot write dtype " + type);
    }
}
