package org.infopro.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How tensors are found for a block, converted on the way in and out, and reported. */
class WeightLoaderTest {

    private static final float[] WEIGHT = {1, 2, 3, 4, 5, 6};
    private static final float[] BIAS = {7, 8, 9};

    /** Reverses the rows (dim 0), a layout that is its own inverse. */
    private static final TensorLayout REVERSED =
            new TensorLayout() {
                @Override
                public NDArray toOurs(NDArray source) {
                    return source.flip(0);
                }

                @Override
                public NDArray toSource(NDArray ours) {
                    return ours.flip(0);
                }
            };

    @TempDir Path dir;
    private int files;

    @Test
    void exactNamesAreMatchedAndOtherNamesUnderThePrefixByOrder() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String module : List.of("head.fc", "head.fc.0")) {
                Block fc = linear(manager);
                StateDict file = file(manager, module + ".weight", module + ".bias");
                LoadReport report =
                        WeightLoader.load(
                                List.of(WeightGroup.weightAndBias("fc", fc, "head.fc")), file);
                assertTrue(report.isComplete(), module + ": " + report);
                assertArrayEquals(WEIGHT, parameter(fc, 0).toFloatArray(), module);
                assertArrayEquals(BIAS, parameter(fc, 1).toFloatArray(), module);
            }
        }
    }

    @Test
    void aMissingTensorIsReportedByNameAndOneOfAnotherShapeIsNotLoaded() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block fc = linear(manager);
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("fc.weight", manager.create(WEIGHT, new Shape(3, 2)));
            WeightGroup group = WeightGroup.weightAndBias("fc", fc, "fc");
            LoadReport report = WeightLoader.load(List.of(group), write(manager, tensors));
            assertEquals(List.of("fc.weight"), report.matched());
            assertEquals(List.of("fc.bias (fc:bias)"), report.missing());

            float[] before = parameter(fc, 0).toFloatArray();
            tensors.put("fc.weight", manager.create(WEIGHT, new Shape(2, 3)));
            tensors.put("fc.bias", manager.create(BIAS));
            report = WeightLoader.load(List.of(group), write(manager, tensors));
            assertEquals(
                    List.of("fc.weight: file (2, 3), here (3, 2) (fc:weight)"),
                    report.mismatched());
            assertEquals(List.of("fc.bias"), report.matched());
            assertArrayEquals(before, parameter(fc, 0).toFloatArray());
        }
    }

    @Test
    void aLayoutConvertsTheTensorWhenLoadingAndBackWhenWriting() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block fc = linear(manager);
            WeightGroup group =
                    WeightGroup.weightAndBias("fc", fc, "cls")
                            .withLayout("weight", REVERSED)
                            .withLayout("bias", REVERSED);
            LoadReport report =
                    WeightLoader.load(List.of(group), file(manager, "cls.weight", "cls.bias"));
            assertTrue(report.isComplete(), report.toString());
            assertArrayEquals(new float[] {5, 6, 3, 4, 1, 2}, parameter(fc, 0).toFloatArray());
            assertArrayEquals(new float[] {9, 8, 7}, parameter(fc, 1).toFloatArray());

            Path out = dir.resolve("out.safetensors");
            WeightLoader.export(out, List.of(group), List.of());
            try (StateDict written = StateDict.read(out, manager)) {
                assertEquals(
                        List.of("cls.weight", "cls.bias"), List.copyOf(written.tensors().keySet()));
                assertArrayEquals(WEIGHT, written.get("cls.weight").toFloatArray());
                assertArrayEquals(BIAS, written.get("cls.bias").toFloatArray());
            }
        }
    }

    /** A 2-input, 3-unit linear layer: weight (3, 2), bias (3). */
    private static Block linear(NDManager manager) {
        Linear fc = Linear.builder().setUnits(3).build();
        fc.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        return fc;
    }

    private static NDArray parameter(Block block, int index) {
        return block.getParameters().get(index).getValue().getArray();
    }

    /** A file with {@link #WEIGHT} (3, 2) and {@link #BIAS} under these names. */
    private StateDict file(NDManager manager, String weight, String bias) throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(weight, manager.create(WEIGHT, new Shape(3, 2)));
        tensors.put(bias, manager.create(BIAS));
        return write(manager, tensors);
    }

    private StateDict write(NDManager manager, Map<String, NDArray> tensors) throws IOException {
        Path file = dir.resolve("weights" + files++ + ".safetensors");
        WeightLoader.exportTensors(file, tensors);
        return StateDict.read(file, manager);
    }
}
