package org.infopro.detection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.infopro.core.config.PixelSize;
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
        RunConfig.Builder c =
                RunConfig.builder()
                        .optTask(DetectionPlugin.NAME)
                        .optDataset("fashion-coco")
                        .optDataRoot(root.toString())
                        .optCrop(new PixelSize(64, 64))
                        .optBackbone(backbone)
                        .optMethod(method)
                        .optK(k)
                        .optSplit("even")
                        .optBatch(4)
                        .optEvalBatch(6)
                        .optEpochs(5)
                        .optLr(0.02f)
                        .optNesterov(false);
        return c.build();
    }

    @Test
    void fasterRcnnLearnsToFindObjects() throws IOException {
        RunConfig.Builder c = config("faster_rcnn_r18n_fpn", "e2e", 1).toBuilder().optEpochs(10);
        TrainingState state = TinyRuns.train(c.build());
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
