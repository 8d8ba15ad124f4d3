package org.infopro.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.infopro.core.testing.PyTorch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint {@code torch.save} wrote in its format before PyTorch 1.6 ({@code
 * tools/pytorch-reference/legacy_state_dict.py}) reads as PyTorch holds it.
 */
class TorchLegacyTest {

    @TempDir Path dir;

    @Test
    void everyTensorReadsInOrderWithItsTypeShapeAndValues() throws Exception {
        PyTorch.run("legacy_state_dict.py", List.of(dir.toString()));
        try (NDManager m = NDManager.newBaseManager();
                StateDict legacy = StateDict.read(dir.resolve("legacy.pth"), m)) {
            Map<String, NDArray> reference =
                    SafeTensors.read(dir.resolve("legacy.reference.safetensors"), m);
            List<String> names = List.copyOf(legacy.tensors().keySet());
            assertEquals(
                    List.of(
                            "conv.weight",
                            "fc.weight",
                            "shared.all",
                            "shared.part",
                            "half",
                            "bn.num_batches_tracked",
                            "mask"),
                    names);
            for (Map.Entry<String, NDArray> e : reference.entrySet()) {
                NDArray read = legacy.get(e.getKey());
                assertEquals(e.getValue().getShape(), read.getShape(), e.getKey());
                assertEquals(e.getValue().getDataType(), read.getDataType(), e.getKey());
                assertTrue(e.getValue().contentEquals(read), e.getKey());
            }
            assertArrayEquals(
                    new boolean[] {true, false, true}, legacy.get("mask").toBooleanArray());
        }
    }
}
