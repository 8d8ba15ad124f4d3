package org.infopro.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** Configurations in the layout version-2 checkpoints wrote are read into today's settings. */
class Version2ConfigTest {

    /** Every field the old layout had, as its Gson wrote them (nulls left out). */
    private static String old(String task, String extra) {
        return "{\"task\": \""
                + task
                + "\", \"backbone\": \"tsm-r18-narrow\", \"dataset\": \"motion-clips\","
                + " \"method\": \"infopro-softmax\", \"k\": 2, \"split\": \"even\","
                + " \"optimizer\": \"ADAMW\", \"epochs\": 3, \"batch\": 8, \"evalBatch\": 16,"
                + " \"lr\": 0.05, \"momentum\": 0.9, \"nesterov\": false, \"weightDecay\": 5.0E-4,"
                + " \"schedule\": \"cosine\", \"warmupSteps\": 0, \"seed\": 1, \"augment\": true,"
                + " \"crop\": [56, 56], \"trainLimit\": 0, \"testLimit\": 0, \"evalEvery\": 1,"
                + " \"maxSteps\": 0, \"segments\": 4, \"testClips\": 2, \"testFlip\": false,"
                + " \"asyncQueue\": 0"
                + extra
                + "}";
    }

    @Test
    void aVideoRunKeepsItsSegmentsAndTestClipsAsTaskOptions() {
        RunConfig c = Version2Config.read(old("video", ""), "old.ckpt");
        assertEquals(RunConfig.OptimizerKind.ADAMW, c.optimizer());
        assertEquals(new PixelSize(56, 56), c.crop());
        assertEquals(16, c.evalBatch());
        JsonObject options = c.taskOptions();
        assertEquals(4, options.get("segments").getAsInt());
        assertEquals(2, options.get("testClips").getAsInt());
        assertEquals(2, options.size());
    }

    @Test
    void aSegmentationRunKeepsItsTestTimeOptions() {
        RunConfig c =
                Version2Config.read(
                        old("segmentation", ", \"testScales\": [0.5, 1.0], \"testCrop\": [32, 48]"),
                        "old.ckpt");
        JsonObject options = c.taskOptions();
        assertEquals(2, options.getAsJsonArray("testScales").size());
        assertEquals(48, options.getAsJsonObject("testCrop").get("width").getAsInt());
        assertEquals(false, options.get("testFlip").getAsBoolean());
        assertEquals(3, options.size());
    }

    @Test
    void optionsOtherTasksIgnoredAreDropped() {
        RunConfig c = Version2Config.read(old("classification", ""), "old.ckpt");
        assertNull(c.taskOptions());
        assertEquals(3, c.epochs());
    }
}
