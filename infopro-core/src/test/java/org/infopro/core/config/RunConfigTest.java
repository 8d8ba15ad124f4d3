package org.infopro.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A configuration is checked once, when it is built, and a bad value names its option. */
class RunConfigTest {

    /** A task's own options, as a task module declares them. */
    record ClipOptions(
            @Setting(option = "--segments", help = "Frames per clip.") int segments,
            @Setting(option = "--test-clips", help = "Clips per test video.", testTime = true)
                    int testClips)
            implements TaskOptions {
        ClipOptions {
            if (segments < 1) {
                throw new IllegalArgumentException("--segments must be ≥ 1, got " + segments);
            }
        }
    }

    @Test
    void theDefaultsAreTheStandardProtocol() {
        RunConfig c = RunConfig.defaults();
        assertEquals("resnet32", c.backbone());
        assertEquals(128, c.batch());
        assertEquals(RunConfig.OptimizerKind.SGD, c.optimizer());
        assertEquals(c, RunConfig.builder().build());
    }

    @Test
    void eachBadValueNamesItsOption() {
        Map<String, UnaryOperator<RunConfig.Builder>> bad = new LinkedHashMap<>();
        bad.put("--k", b -> b.optK(0));
        bad.put("--batch", b -> b.optBatch(0));
        bad.put("--eval-batch", b -> b.optEvalBatch(-1));
        bad.put("--epochs", b -> b.optEpochs(-1));
        bad.put("--lr", b -> b.optLr(Float.NaN));
        bad.put("--lr ", b -> b.optLr(-0.1f));
        bad.put("--momentum", b -> b.optMomentum(1f));
        bad.put("--weight-decay", b -> b.optWeightDecay(Float.POSITIVE_INFINITY));
        bad.put("--lambdas", b -> b.optLambdas("5,-1"));
        bad.put("--lambdas ", b -> b.optLambdas("5,1,2"));
        bad.put("--async", b -> b.optAsyncQueue(-2));
        bad.put("--async ", b -> b.optAsyncQueue(2).optK(1));
        bad.put("--max-steps", b -> b.optMaxSteps(-5));
        bad.put("--eval-every", b -> b.optEvalEvery(0));
        bad.put("--schedule", b -> b.optSchedule("step:x"));
        bad.put("--schedule ", b -> b.optSchedule("exponential"));
        bad.put("--task", b -> b.optTask(null));
        bad.put("--device", b -> b.optDevice("tpu"));
        bad.forEach(
                (option, change) -> {
                    RunConfig.Builder b = change.apply(RunConfig.builder());
                    IllegalArgumentException e =
                            assertThrows(IllegalArgumentException.class, b::build, option);
                    assertTrue(
                            e.getMessage().startsWith(option.trim()),
                            option + " → " + e.getMessage());
                });
    }

    @Test
    void aCropIsHeightByWidthOfAtLeastOnePixel() {
        assertEquals(new PixelSize(512, 1024), PixelSize.parse("512x1024"));
        assertEquals("512x1024", new PixelSize(512, 1024).toString());
        for (String bad : new String[] {"0x512", "512", "axb", "1x2x3"}) {
            assertThrows(IllegalArgumentException.class, () -> PixelSize.parse(bad), bad);
        }
    }

    @Test
    void toBuilderChangesACopyAndLeavesTheOriginal() {
        RunConfig original = RunConfig.builder().optK(3).build();
        RunConfig changed = original.toBuilder().optEpochs(7).build();
        assertEquals(1, original.epochs());
        assertEquals(7, changed.epochs());
        assertEquals(3, changed.k());
    }

    @Test
    void jsonRoundTripsAndAnUnknownSettingIsRefusedByName() {
        RunConfig c =
                RunConfig.builder()
                        .optCrop(new PixelSize(32, 48))
                        .optOptimizer(RunConfig.OptimizerKind.ADAMW)
                        .optTaskOptions(new ClipOptions(4, 2))
                        .build();
        assertEquals(c, RunConfig.fromJson(c.toJson(), "test"));
        assertEquals(RunConfig.defaults(), RunConfig.fromJson("{}", "test"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RunConfig.fromJson("{\"segmnets\": 8}", "run/config.json"));
        assertTrue(
                e.getMessage().startsWith("run/config.json: not a valid run configuration")
                        && e.getMessage().contains("unknown setting 'segmnets'"),
                e.getMessage());
        IllegalArgumentException bad =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RunConfig.fromJson("{\"batch\": 0}", "run/config.json"));
        assertTrue(bad.getMessage().contains("--batch must be ≥ 1"), bad.getMessage());
    }

    @Test
    void taskOptionsReadBackTypedOverTheTasksDefaults() {
        ClipOptions defaults = new ClipOptions(8, 1);
        assertEquals(defaults, RunConfig.defaults().taskOptions(defaults));
        RunConfig c = RunConfig.builder().optTaskOptions(new ClipOptions(4, 3)).build();
        assertEquals(new ClipOptions(4, 3), c.taskOptions(defaults));
        RunConfig partial = RunConfig.fromJson("{\"taskOptions\": {\"testClips\": 5}}", "t");
        assertEquals(new ClipOptions(8, 5), partial.taskOptions(defaults));
        RunConfig unknown = RunConfig.fromJson("{\"taskOptions\": {\"clips\": 5}}", "t");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> unknown.taskOptions(defaults));
        assertTrue(
                e.getMessage().contains("unknown option of task classification 'clips'"),
                e.getMessage());
        RunConfig badValue = RunConfig.fromJson("{\"taskOptions\": {\"segments\": 0}}", "t");
        assertThrows(IllegalArgumentException.class, () -> badValue.taskOptions(defaults));
    }

    @Test
    void theTaskOptionsCannotBeChangedThroughTheAccessor() {
        RunConfig c = RunConfig.builder().optTaskOptions(new ClipOptions(4, 3)).build();
        c.taskOptions().addProperty("segments", 99);
        assertNotSame(c.taskOptions(), c.taskOptions());
        assertEquals(4, c.taskOptions(new ClipOptions(8, 1)).segments());
    }

    @Test
    void devicesAreCpuGpuOrGpuNAndAMissingGpuIsNamed() {
        RunConfig c = RunConfig.builder().optDevice("cpu").build();
        assertEquals(ai.djl.Device.cpu(), c.resolveDevice());
        for (String bad : new String[] {"tpu", "cpu:1", "gpu:x", "cuda"}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> RunConfig.builder().optDevice(bad).build());
            assertTrue(
                    e.getMessage().startsWith("--device takes cpu, gpu or gpu:N"), e.getMessage());
        }
        if (ai.djl.engine.Engine.getInstance().getGpuCount() == 0) {
            RunConfig gpu = RunConfig.builder().optDevice("gpu:0").build();
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, gpu::resolveDevice);
            assertTrue(
                    e.getMessage().startsWith("--device gpu:0: libtorch sees 0 GPU(s)"),
                    e.getMessage());
        }
    }
}
