package org.infopro.classification.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A reader of MATLAB 5.0 MAT-files (the format of SVHN's {@code *_32x32.mat}): numeric arrays,
 * compressed or not, by variable name. Arrays keep MATLAB's column-major order.
 */
final class MatFile {

    /** One numeric array: its dimensions and its values, column-major. */
    record Array(int[] dims, double[] values, byte[] bytes) {
        /** Number of elements. */
        long size() {
            long n = 1;
            for (int d : dims) {
                n *= d;
            }
            return n;
        }

        /** Element i as a number (from {@code bytes} for uint8 arrays, else {@code values}). */
        double at(long i) {
            return bytes != null ? bytes[(int) i] & 0xFF : values[(int) i];
        }
    }

    private static final int HEADER = 128;
    private static final int MI_INT8 = 1;
    private static final int MI_UINT8 = 2;
    private static final int MI_INT16 = 3;
    private static final int MI_UINT16 = 4;
    private static final int MI_INT32 = 5;
    private static final int MI_UINT32 = 6;
    private static final int MI_SINGLE = 7;
    private static final int MI_DOUBLE = 9;
    private static final int MI_MATRIX = 14;
    private static final int MI_COMPRESSED = 15;

    private MatFile() {}

    /**
     * Reads every numeric variable of a file.
     *
     * @throws IOException naming the file when it is missing, not a MAT 5.0 file, truncated, or
     *     holds an element this reader does not know
     */
    static Map<String, Array> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": file not found");
        }
        byte[] all = Files.readAllBytes(file);
        if (all.length < HEADER || !new String(all, 0, 10, "US-ASCII").startsWith("MATLAB 5.0")) {
            throw new IOException(file + ": not a MATLAB 5.0 MAT-file (v7.3/HDF5 is not read)");
        }
        ByteOrder order =
                all[126] == 'I' && all[127] == 'M' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer in = ByteBuffer.wrap(all, HEADER, all.length - HEADER).order(order);
        Map<String, Array> arrays = new LinkedHashMap<>();
        try {
            while (in.remaining() >= 8) {
                element(in, order, arrays);
            }
        } catch (RuntimeException | DataFormatException e) {
            throw new IOException(file + ": malformed MAT-file: " + e, e);
        }
        return arrays;
    }

    /** Reads one top-level element: a matrix, possibly compressed. */
    private static void element(ByteBuffer in, ByteOrder order, Map<String, Array> arrays)
            throws DataFormatException {
        int type = in.getInt();
        int size = in.getInt();
        if (type == MI_COMPRESSED) {
            byte[] packed = new byte[size];
            in.get(packed);
            ByteBuffer inner = ByteBuffer.wrap(inflate(packed)).order(order);
            element(inner, order, arrays);
            return;
        }
        if (type != MI_MATRIX) {
            throw new IllegalArgumentException("unexpected top-level element type " + type);
        }
        ByteBuffer matrix = in.slice().order(order);
        matrix.limit(size);
        in.position(in.position() + padded(size));
        matrix(matrix, arrays);
    }

    private static void matrix(ByteBuffer in, Map<String, Array> arrays) {
        subelement(in); // array flags (class, complex/global/logical bits)
        ByteBuffer dimsData = subelement(in);
        int[] dims = new int[dimsData.remaining() / 4];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = dimsData.getInt();
        }
        ByteBuffer nameData = subelement(in);
        byte[] name = new byte[nameData.remaining()];
        nameData.get(name);
        int realType = peekType(in);
        ByteBuffer real = subelement(in);
        Array array =
                realType == MI_UINT8
                        ? new Array(dims, null, bytes(real))
                        : new Array(dims, numbers(real, realType), null);
        arrays.put(new String(name, java.nio.charset.StandardCharsets.US_ASCII), array);
    }

    private static int peekType(ByteBuffer in) {
        int tag = in.getInt(in.position());
        return (tag >>> 16) != 0 ? tag & 0xFFFF : tag;
    }

    /** The data of a sub-element (small 4-byte form or regular, padded to 8 bytes). */
    private static ByteBuffer subelement(ByteBuffer in) {
        int tag = in.getInt();
        int small = tag >>> 16;
        int size;
        int advance;
        if (small != 0) {
            size = small;
            advance = 4;
        } else {
            size = in.getInt();
            advance = padded(size);
        }
        ByteBuffer data = in.slice().order(in.order());
        data.limit(size);
        in.position(in.position() + advance);
        return data;
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] out = new byte[data.remaining()];
        data.get(out);
        return out;
    }

    private static double[] numbers(ByteBuffer data, int type) {
        int width =
                switch (type) {
                    case MI_INT8, MI_UINT8 -> 1;
                    case MI_INT16, MI_UINT16 -> 2;
                    case MI_INT32, MI_UINT32, MI_SINGLE -> 4;
                    case MI_DOUBLE -> 8;
                    default ->
                            throw new IllegalArgumentException("unsupported numeric type " + type);
                };
        double[] out = new double[data.remaining() / width];
        for (int i = 0; i < out.length; i++) {
            out[i] =
                    switch (type) {
                        case MI_INT8 -> data.get();
                        case MI_UINT8 -> data.get() & 0xFF;
                        case MI_INT16 -> data.getShort();
                        case MI_UINT16 -> data.getShort() & 0xFFFF;
                        case MI_INT32 -> data.getInt();
                        case MI_UINT32 -> data.getInt() & 0xFFFFFFFFL;
                        case MI_SINGLE -> data.getFloat();
                        default -> data.getDouble();
                    };
        }
        return out;
    }

    private static int padded(int size) {
        return (size + 7) / 8 * 8;
    }

    private static byte[] inflate(byte[] packed) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(packed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(packed.length * 4);
        byte[] buffer = new byte[1 << 16];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new DataFormatException("compressed element ends early");
            }
            out.write(buffer, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }
}
