package org.infopro.classification.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.infopro.classification.Synthetic;
import org.infopro.core.config.RunConfig;
import org.infopro.core.testing.TinyRuns;
import org.infopro.core.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task's tiny training run, as the command line runs it: an IDX set read by its reader, a CIFAR
 * ResNet found by name, InfoPro-Contrast K=2 — it must learn.
 */
class ClassificationTrainingTest {

    @Test
    void infoProContrastOnATinyResNetLearns(@TempDir Path dir) throws Exception {
        RunConfig c =
                RunConfig.builder()
                        .optBackbone("resnet8-tiny")
                        .optDataset("fashion-mnist")
                        .optDataRoot(
                                Synthetic.writeIdxDataset(dir.resolve("data"), 650, 200).toString())
                        .optMethod("infopro-contrast")
                        .optK(2)
                        .optSplit("even")
                        .optEpochs(4)
                        .optBatch(32)
                        .optEvalBatch(100)
                        .build();
        TrainingState state = TinyRuns.train(c);
        assertEquals(21, state.history.get(0).steps, "the last partial batch counts");
        TinyRuns.assertLocalAndTaskLossesFall(state);
        assertTrue(state.last("top1") > 50, "well above the 10% of chance: " + state.last("top1"));
    }
}
