package org.infopro.video.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.core.config.PixelSize;
import org.infopro.core.config.RunConfig;
import org.infopro.core.testing.SyntheticItems;
import org.infopro.core.testing.TinyRuns;
import org.infopro.core.train.TrainingState;
import org.infopro.video.data.MotionClips;
import org.infopro.video.data.VideoOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny TSM InfoPro run on generated motion clips, through the registry and the UCF101 reader:
 * both modules' losses must fall and the model must classify the clips it trained on well above
 * chance (generalisation is the quick suite's job).
 */
class TinyVideoTrainingTest {

    @TempDir Path dir;

    @Test
    void infoProTsmTrainsOnGeneratedClips() throws Exception {
        MotionClips.writeClassIndex(dir);
        new MotionClips(SyntheticItems.rectangles(), 32, 8).write(dir, true, 2, 1);
        Path lists = dir.resolve("ucfTrainTestlist");
        Files.copy(lists.resolve("trainlist01.txt"), lists.resolve("testlist01.txt"));
        RunConfig c =
                RunConfig.builder()
                        .optTask("video")
                        .optDataset("ucf101")
                        .optDataRoot(dir.toString())
                        .optBackbone("tsm-r18-narrow")
                        .optTaskOptions(new VideoOptions(4, 1))
                        .optCrop(new PixelSize(28, 28))
                        .optMethod("infopro-softmax")
                        .optK(2)
                        .optBatch(4)
                        .optEvalBatch(11)
                        .optEpochs(15)
                        .optLr(0.05f)
                        .optNesterov(false)
                        .optWeightDecay(5e-4f)
                        .build();
        TrainingState state = TinyRuns.train(c);
        TinyRuns.assertLocalAndTaskLossesFall(state);
        double chance = 100.0 / MotionClips.CLASSES.size();
        assertTrue(
                state.last("top1") > 3 * chance,
                "well above chance (" + chance + "): " + state.history.get(c.epochs() - 1).test);
    }
}
