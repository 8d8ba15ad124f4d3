package org.infopro.detection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.infopro.core.config.RunConfig;
import org.infopro.core.testing.SyntheticItems;
import org.infopro.core.testing.TinyRuns;
import org.infopro.core.train.TrainingState;
import org.infopro.detection.data.FashionCocoScenes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny end-to-end runs through the registry, as the command line runs them. */
class DetectionTrainingTest {

    @TempDir static Path root;

    @BeforeAll
    static void writeScenes() throws IOException {
        FashionCocoScenes scenes = new FashionCocoScenes(SyntheticItems.rectangles(), 64, 64);
        scenes.write(root, "train2017", 48, 1);
        scenes.write(root, "val2017", 12, 2);
    }

    private static RunConfig config(String backbone, String method, int k) {
        RunConfig c = new RunConfig();
        c.task = DetectionPlugin.NAME;
        c.dataset = "fashion-coco";
        c.dataRoot = root.toString();
        c.crop = new int[] {64, 64};
        c.backbone = backbone;
        c.method = method;
        c.k = k;
        c.split = "even";
        c.batch = 4;
        c.evalBatch = 6;
        c.epochs = 5;
        c.lr = 0.02f;
        c.nesterov = false;
        return c;
    }

    @Test
    void fasterRcnnLearnsToFindObjects() throws IOException {
        RunConfig c = config("faster_rcnn_r18n_fpn", "e2e", 1);
        c.epochs = 10;
        TrainingState state = TinyRuns.train(c);
        float first = state.history.get(0).meanModuleLoss[0];
        float last = state.history.get(state.history.size() - 1).meanModuleLoss[0];
        assertTrue(last < first, "loss falls: " + first + " -> " + last);
        Map<String, Double> test = state.history.get(state.history.size() - 1).test;
        assertTrue(test.get("box_ap") > 0, "box AP above 0: " + test);
    }

    @Test
    void maskRcnnModulesLearnLocally() throws IOException {
        TrainingState state = TinyRuns.train(config("mask_rcnn_r18n_fpn", "infopro-softmax", 2));
        TinyRuns.assertLocalAndTaskLossesFall(state);
        Map<String, Double> test = state.history.get(state.history.size() - 1).test;
        // Too few steps for the local modules' detector to find objects here (the E2E run
        // checks AP); its masks go through the whole evaluation.
        assertTrue(test.get("mask_ap") >= 0, "masks evaluated: " + test);
    }
}
