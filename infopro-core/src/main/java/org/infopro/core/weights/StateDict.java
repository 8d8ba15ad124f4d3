package org.infopro.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named tensors in the order their file holds them, as PyTorch's {@code state_dict()} returns them;
 * closing it frees them.
 */
public final class StateDict implements AutoCloseable {

    private final Map<String, NDArray> tensors;
    private final NDManager manager;

    StateDict(Map<String, NDArray> tensors, NDManager manager) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.manager = manager;
    }

    /**
     * Reads a PyTorch checkpoint: a {@code .safetensors} file, or {@code torch.save}'s zip format
     * or its format before PyTorch 1.6 (a state dict, or one nested under {@code state_dict},
     * {@code model} or {@code module} as mmengine and DeiT save it; a {@code module.} prefix from
     * {@code DataParallel} is dropped).
     *
     * @param manager owns the tensors; each is on the CPU
     * @throws IOException naming the file when it is not one of these formats, is damaged, or its
     *     pickle asks for anything but tensors and dictionaries
     */
    public static StateDict read(Path file, NDManager manager) throws IOException {
        NDManager owner = manager.newSubManager(ai.djl.Device.cpu());
        try {
            Map<String, NDArray> tensors =
                    SafeTensors.isSafeTensors(file)
                            ? SafeTensors.read(file, owner)
                            : TorchLegacy.isLegacy(file)
                                    ? TorchLegacy.read(file, owner)
                                    : TorchZip.read(file, owner);
            return new StateDict(withoutWrapperPrefix(tensors), owner);
        } catch (IOException | RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * {@code DataParallel} saves {@code module.conv1.weight}: drop the prefix when every key has
     * it.
     */
    private static Map<String, NDArray> withoutWrapperPrefix(Map<String, NDArray> tensors) {
        if (tensors.isEmpty()
                || !tensors.keySet().stream().allMatch(k -> k.startsWith("module."))) {
            return tensors;
        }
        Map<String, NDArray> stripped = new LinkedHashMap<>();
        tensors.forEach((k, v) -> stripped.put(k.substring("module.".length()), v));
        return stripped;
    }

    /** The tensors by name, in the file's order. */
    public Map<String, NDArray> tensors() {
        return tensors;
    }

    /** The tensor of {@code name}, or null. */
    public NDArray get(String name) {
        return tensors.get(name);
    }

    @Override
    public void close() {
        manager.close();
    }
}
