package org.infopro.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Reads a {@code torch.save} pickle building nothing but tensors, ordered dictionaries and plain
 * values, as PyTorch's own {@code weights_only} loader does: every global the pickle names must be
 * one of {@link #ALLOWED}, and any other (a function, a class of the training code) is refused by
 * name before anything is built. The pickle never runs code here either way; the check keeps a
 * checkpoint from silently turning into opaque objects.
 */
final class RestrictedUnpickler extends Unpickler {

    /** A tensor still in its storage: the file is read only for the tensors that are kept. */
    record TensorRef(Storage storage, long offset, long[] shape, long[] stride) {

        /** A contiguous copy as a DJL array. */
        NDArray toArray(NDManager manager) {
            int size = Math.toIntExact(new Shape(shape).size());
            int width = storage.type().getNumOfBytes();
            ByteBuffer source = storage.bytes().get();
            ByteBuffer out = ByteBuffer.allocateDirect(size * width).order(ByteOrder.LITTLE_ENDIAN);
            long[] index = new long[shape.length];
            for (int i = 0; i < size; i++) {
                long element = offset;
                for (int d = 0; d < shape.length; d++) {
                    element += index[d] * stride[d];
                }
                int at = Math.toIntExact(element * width);
                if (at < 0 || at + width > source.capacity()) {
                    throw new IllegalArgumentException(
                            "tensor of shape " + new Shape(shape) + " reaches past its storage");
                }
                for (int b = 0; b < width; b++) {
                    out.put(source.get(at + b));
                }
                for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                    index[d] = 0;
                }
            }
            out.flip();
            return manager.create(out, new Shape(shape), storage.type());
        }
    }

    /** A storage named by the pickle: its element type and the bytes of {@code data/KEY}. */
    record Storage(DataType type, java.util.function.Supplier<ByteBuffer> bytes) {}

    /** A storage class such as {@code torch.FloatStorage}, which the pickle only names. */
    private record StorageType(DataType type) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("the pickle calls a storage class; refused");
        }
    }

    /** {@code collections.OrderedDict}, whose pickled state ({@code _metadata}) is dropped. */
    static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    /** PyTorch's storage classes by name, and the element type each holds. */
    static final Map<String, DataType> STORAGES =
            Map.of(
                    "FloatStorage", DataType.FLOAT32,
                    "DoubleStorage", DataType.FLOAT64,
                    "HalfStorage", DataType.FLOAT16,
                    "BFloat16Storage", DataType.BFLOAT16,
                    "LongStorage", DataType.INT64,
                    "IntStorage", DataType.INT32,
                    "CharStorage", DataType.INT8,
                    "ByteStorage", DataType.UINT8,
                    "BoolStorage", DataType.BOOLEAN);

    /** The globals a state dict's pickle may name, besides {@code torch.*Storage}. */
    static final java.util.Set<String> ALLOWED =
            java.util.Set.of(
                    "collections.OrderedDict",
                    "torch._utils._rebuild_tensor_v2",
                    "torch._utils._rebuild_parameter");

    private final Function<String, ByteBuffer> storageBytes;
    private final Map<String, DataType> storageTypes = new LinkedHashMap<>();

    /**
     * @param storageBytes the bytes of a storage by its key
     */
    RestrictedUnpickler(Function<String, ByteBuffer> storageBytes) {
        this.storageBytes = storageBytes;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(global(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                String name = String.valueOf(stack.pop());
                String module = String.valueOf(stack.pop());
                stack.add(global(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.EMPTY_DICT -> {
                stack.add(new LinkedHashMap<>()); // a dict keeps its insertion order in Python
                return NO_RETURN_VALUE;
            }
            case Opcodes.DICT -> {
                List<Object> items = stack.pop_all_since_marker();
                Map<Object, Object> dict = new LinkedHashMap<>();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    dict.put(items.get(i), items.get(i + 1));
                }
                stack.add(dict);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEMS -> {
                // The library collects the items in a HashMap first; a state dict's order matters.
                List<Object> items = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    dict.put(items.get(i), items.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST ->
                    throw new PickleException("the pickle builds an object by INST; refused");
            case Opcodes.BUILD -> {
                stack.pop(); // an OrderedDict's attributes: state dicts keep only _metadata there
                if (!(stack.peek() instanceof OrderedDict)) {
                    throw new PickleException(
                            "the pickle sets the state of a "
                                    + stack.peek().getClass().getSimpleName()
                                    + "; refused");
                }
                return NO_RETURN_VALUE;
            }
            default -> {
                return super.dispatch(key);
            }
        }
    }

    private IObjectConstructor global(String module, String name) {
        String full = module + "." + name;
        if (module.equals("torch") && STORAGES.containsKey(name)) {
            return new StorageType(STORAGES.get(name));
        }
        return switch (full) {
            case "collections.OrderedDict" -> args -> new OrderedDict();
            case "torch._utils._rebuild_tensor_v2" -> RestrictedUnpickler::tensor;
            case "torch._utils._rebuild_parameter" -> args -> args[0];
            default ->
                    throw new PickleException(
                            "the pickle asks for "
                                    + full
                                    + ", which is not a tensor or dictionary type; refused (a"
                                    + " weights file may name only "
                                    + ALLOWED
                                    + " and torch.*Storage)");
        };
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, meta])}. */
    private static Object tensor(Object[] args) {
        if (!(args[0] instanceof Storage storage)) {
            throw new PickleException("_rebuild_tensor_v2 without a storage");
        }
        return new TensorRef(
                storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
    }

    private static long[] longs(Object tuple) {
        Object[] items = (Object[]) tuple;
        long[] values = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            values[i] = ((Number) items[i]).longValue();
        }
        return values;
    }

    /** The element type of every storage the pickle named, by key. */
    Map<String, DataType> storageTypes() {
        return storageTypes;
    }

    /**
     * {@code ('storage', type, key, location, numel[, view])}: the storage {@code KEY}, or with the
     * legacy format's {@code view = (view_key, offset, size)} the part of it from element {@code
     * offset} on.
     */
    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] id) || id.length < 3 || !"storage".equals(id[0])) {
            throw new PickleException("unknown persistent id in the pickle");
        }
        if (!(id[1] instanceof StorageType type)) {
            throw new PickleException("a storage of unknown type " + id[1]);
        }
        String storageKey = String.valueOf(id[2]);
        storageTypes.put(storageKey, type.type());
        if (id.length > 5 && id[5] instanceof Object[] view) {
            int width = type.type().getNumOfBytes();
            int from = Math.toIntExact(((Number) view[1]).longValue() * width);
            int size = Math.toIntExact(((Number) view[2]).longValue() * width);
            return new Storage(
                    type.type(),
                    () ->
                            storageBytes
                                    .apply(storageKey)
                                    .slice(from, size)
                                    .order(ByteOrder.LITTLE_ENDIAN));
        }
        return new Storage(type.type(), () -> storageBytes.apply(storageKey));
    }
}
