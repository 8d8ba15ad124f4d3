package org.infopro.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The optimizers against torch.optim's own trajectories ({@code
 * tools/pytorch-reference/optimizer_steps.py}, float32): seven steps with the learning rate changed
 * between them, as a scheduler does, including a step at lr 0.
 */
class OptimizerPyTorchTest {

    private static final JsonObject REFERENCE = load();

    @Test
    void sgdWithNesterovMatchesTorch() {
        assertFollowsTorch("sgd-nesterov", () -> Optimizer.sgd(0.9f, true, 0.1f));
    }

    @Test
    void sgdWithMomentumMatchesTorch() {
        assertFollowsTorch("sgd-momentum", () -> Optimizer.sgd(0.9f, false, 0.01f));
    }

    @Test
    void plainSgdMatchesTorch() {
        assertFollowsTorch("sgd-plain", () -> Optimizer.sgd(0, false, 0));
    }

    @Test
    void adamWithL2DecayMatchesTorch() {
        assertFollowsTorch("adam", () -> Optimizer.adam(0.9f, 0.999f, 1e-8f, 0.1f));
    }

    @Test
    void adamWMatchesTorch() {
        assertFollowsTorch("adamw", () -> Optimizer.adamW(0.9f, 0.999f, 1e-8f, 0.1f));
    }

    @Test
    void adamWithOtherBetasMatchesTorch() {
        assertFollowsTorch("adam-betas", () -> Optimizer.adam(0.5f, 0.9f, 1e-6f, 0));
    }

    /** Half the steps, a save and restore of the state into a fresh optimizer, the rest. */
    @Test
    void restoredStateContinuesTheSameTrajectory() {
        assertFollowsTorch("adamw", () -> Optimizer.adamW(0.9f, 0.999f, 1e-8f, 0.1f), 3);
        assertFollowsTorch("sgd-nesterov", () -> Optimizer.sgd(0.9f, true, 0.1f), 4);
    }

    @Test
    void aStateOfAnotherOptimizerIsRefusedNamingAKey() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> sgdState =
                    Map.of("w", manager.zeros(new ai.djl.ndarray.types.Shape(2)));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    Optimizer.adam(0.9f, 0.999f, 1e-8f, 0)
                                            .restoreState(sgdState, manager));
            assertEquals("The saved optimizer state is not Adam's (it has w)", e.getMessage());
        }
    }

    private static void assertFollowsTorch(String name, Supplier<Optimizer> optimizer) {
        assertFollowsTorch(name, optimizer, -1);
    }

    /**
     * @param restoreAfter after this many steps the state moves into a fresh optimizer (-1: never)
     */
    private static void assertFollowsTorch(
            String name, Supplier<Optimizer> factory, int restoreAfter) {
        JsonArray rates = REFERENCE.getAsJsonArray("rates");
        JsonArray gradients = REFERENCE.getAsJsonArray("gradients");
        JsonArray expected = REFERENCE.getAsJsonObject("cases").getAsJsonArray(name);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(floats(REFERENCE.getAsJsonArray("initial")));
            Parameter p =
                    Parameter.builder()
                            .setName("w")
                            .setType(Parameter.Type.WEIGHT)
                            .optArray(w)
                            .build();
            p.initialize(manager, DataType.FLOAT32);
            PairList<String, Parameter> params = new PairList<>();
            params.add("w", p);
            Optimizer optimizer = factory.get();
            for (int t = 0; t < rates.size(); t++) {
                if (t == restoreAfter) {
                    Map<String, NDArray> saved = new HashMap<>(optimizer.state());
                    optimizer = factory.get();
                    optimizer.restoreState(saved, manager);
                }
                NDArray gradient = manager.create(floats(gradients.get(t).getAsJsonArray()));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    // d/dw of sum(w·g) is g: the reference's gradient, exactly.
                    gc.backward(w.mul(gradient).sum());
                }
                optimizer.step(params, rates.get(t).getAsFloat());
                float[] want = floats(expected.get(t).getAsJsonArray());
                float[] got = w.toFloatArray();
                for (int i = 0; i < want.length; i++) {
                    assertEquals(
                            want[i],
                            got[i],
                            2e-6 * Math.max(1, Math.abs(want[i])),
                            name + " step " + (t + 1) + " element " + i);
                }
            }
        }
    }

    private static float[] floats(JsonArray values) {
        float[] out = new float[values.size()];
        int i = 0;
        for (JsonElement value : values) {
            out[i++] = value.getAsFloat();
        }
        return out;
    }

    private static JsonObject load() {
        try (Reader in =
                new InputStreamReader(
                        OptimizerPyTorchTest.class.getResourceAsStream(
                                "/pytorch/optimizer-steps.json"),
                        StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(in).getAsJsonObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
