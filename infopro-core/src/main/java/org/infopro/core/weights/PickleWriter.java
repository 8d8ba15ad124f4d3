package org.infopro.core.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Protocol-2 pickle opcodes, written one by one, as {@code torch.save} writes a state dict. */
final class PickleWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Starts with {@code PROTO 2}. */
    PickleWriter() {
        out.write(0x80);
        out.write(2);
    }

    /** One opcode without arguments, e.g. {@code '('} (MARK) or {@code 'R'} (REDUCE). */
    PickleWriter op(int opcode) {
        out.write(opcode);
        return this;
    }

    /** {@code GLOBAL module name}. */
    PickleWriter global(String module, String name) {
        op('c');
        byte[] text = (module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII);
        out.write(text, 0, text.length);
        return this;
    }

    /** {@code BINUNICODE}. */
    PickleWriter string(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        out.write(little(4).putInt(text.length).array(), 0, 4);
        out.write(text, 0, text.length);
        return this;
    }

    /** {@code BININT}, or {@code LONG1} beyond 32 bits. */
    PickleWriter integer(long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            op(0x8a).op(8);
            out.write(little(8).putLong(value).array(), 0, 8);
            return this;
        }
        op('J');
        out.write(little(4).putInt((int) value).array(), 0, 4);
        return this;
    }

    /**
     * {@code _rebuild_tensor_v2(('storage', torch.STORAGE, KEY, 'cpu', numel), 0, shape, contiguous
     * stride, False, OrderedDict())}: a contiguous tensor that fills storage {@code KEY}.
     */
    PickleWriter tensor(String storage, String key, long[] shape) {
        long numel = 1;
        for (long d : shape) {
            numel *= d;
        }
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').string("storage").global("torch", storage).string(key).string("cpu");
        integer(numel).op('t').op('Q'); // TUPLE, BINPERSID
        integer(0).op('(');
        for (long d : shape) {
            integer(d);
        }
        op('t').op('(');
        long stride = numel;
        for (long d : shape) {
            stride = d == 0 ? 0 : stride / d;
            integer(stride);
        }
        op('t').op(0x89); // NEWFALSE: requires_grad
        global("collections", "OrderedDict").op(')').op('R'); // backward hooks
        return op('t').op('R');
    }

    /** The bytes so far. */
    byte[] bytes() {
        return out.toByteArray();
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
