package org.infopro.core.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every bad option is refused before any work, with a message that names it. */
class RunConfigTest {

    @Test
    void theDefaultsAreValid() {
        new RunConfig().validate();
    }

    @Test
    void eachBadValueNamesItsOption() {
        Map<String, Consumer<RunConfig>> bad = new LinkedHashMap<>();
        bad.put("--k", c -> c.k = 0);
        bad.put("--batch", c -> c.batch = 0);
        bad.put("--eval-batch", c -> c.evalBatch = 0);
        bad.put("--epochs", c -> c.epochs = -1);
        bad.put("--lr", c -> c.lr = Float.NaN);
        bad.put("--lr ", c -> c.lr = -0.1f);
        bad.put("--weight-decay", c -> c.weightDecay = Float.POSITIVE_INFINITY);
        bad.put("--lambdas", c -> c.lambdas = "5,-1");
        bad.put("--lambdas ", c -> c.lambdas = "5,1,2");
        bad.put("--crop", c -> c.crop = new int[] {0, 512});
        bad.put("--async", c -> c.asyncQueue = -2);
        bad.put(
                "--async ",
                c -> {
                    c.asyncQueue = 2;
                    c.k = 1;
                });
        bad.put("--max-steps", c -> c.maxSteps = -5);
        bad.put("--eval-every", c -> c.evalEvery = 0);
        bad.put("--schedule", c -> c.schedule = "step:x");
        bad.put("--schedule ", c -> c.schedule = "exponential");
        bad.forEach(
                (option, change) -> {
                    RunConfig c = new RunConfig();
                    change.accept(c);
                    IllegalArgumentException e =
                            assertThrows(IllegalArgumentException.class, c::validate, option);
                    assertTrue(
                            e.getMessage().startsWith(option.trim()),
                            option + " → " + e.getMessage());
                });
    }

    @Test
    void devicesAreCpuGpuOrGpuNAndAMissingGpuIsNamed() {
        RunConfig c = new RunConfig();
        c.device = "cpu";
        org.junit.jupiter.api.Assertions.assertEquals(ai.djl.Device.cpu(), c.resolveDevice());
        for (String bad : new String[] {"tpu", "cpu:1", "gpu:x", "cuda"}) {
            c.device = bad;
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, c::resolveDevice);
            assertTrue(
                    e.getMessage().startsWith("--device takes cpu, gpu or gpu:N"), e.getMessage());
        }
        if (ai.djl.engine.Engine.getInstance().getGpuCount() == 0) {
            c.device = "gpu:0";
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, c::resolveDevice);
            assertTrue(
                    e.getMessage().startsWith("--device gpu:0: libtorch sees 0 GPU(s)"),
                    e.getMessage());
        }
    }
}
