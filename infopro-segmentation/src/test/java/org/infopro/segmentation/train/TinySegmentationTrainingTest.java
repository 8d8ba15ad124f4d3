package org.infopro.segmentation.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.core.config.RunConfig;
import org.infopro.core.testing.SyntheticItems;
import org.infopro.core.testing.TinyRuns;
import org.infopro.core.train.TrainingState;
import org.infopro.segmentation.data.FashionScenes;
import org.infopro.segmentation.data.SegmentationDatasets;
import org.infopro.segmentation.data.SegmentationSet;
import org.infopro.segmentation.data.VocSegmentation;
import org.infopro.segmentation.metric.ConfusionMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny DeepLab-V3 InfoPro run on generated scenes, through the registry: both modules' losses
 * must fall and the model must segment items, not only the background, of the scenes it trained on
 * (generalisation is the quick suite's job).
 */
class TinySegmentationTrainingTest {

    @TempDir Path dir;

    @Test
    void infoProDeepLabTrainsOnGeneratedScenes() throws Exception {
        FashionScenes scenes =
                new FashionScenes(
                        SyntheticItems.rectangles(),
                        SegmentationDatasets.SCENE_HEIGHT,
                        SegmentationDatasets.SCENE_WIDTH);
        scenes.write(dir, "train", 16, 1);
        Files.copy(
                dir.resolve("ImageSets/Segmentation/train.txt"),
                dir.resolve("ImageSets/Segmentation/val.txt"));
        RunConfig c =
                RunConfig.builder()
                        .optTask("segmentation")
                        .optDataset("fashion-scenes")
                        .optDataRoot(dir.toString())
                        .optBackbone("deeplabv3-r18-d8-narrow")
                        .optMethod("infopro-softmax")
                        .optK(2)
                        .optBatch(4)
                        .optEpochs(20)
                        .optLr(0.1f)
                        .optNesterov(false)
                        .optWeightDecay(5e-4f)
                        .optSchedule("poly")
                        .optEvalBatch(4)
                        .build();
        TrainingState state = TinyRuns.train(c);
        TinyRuns.assertLocalAndTaskLossesFall(state);
        double prior = backgroundOnlyMeanIou(dir);
        assertTrue(
                state.last("miou") > prior + 1,
                "beats predicting background everywhere ("
                        + prior
                        + "): "
                        + state.history.get(c.epochs() - 1).test);
    }

    /** The mIoU of a model that predicts background for every pixel of the evaluated scenes. */
    private static double backgroundOnlyMeanIou(Path root) throws Exception {
        SegmentationSet set = VocSegmentation.open(root, "val", FashionScenes.CLASSES);
        ConfusionMatrix matrix = new ConfusionMatrix(FashionScenes.CLASSES, SegmentationSet.IGNORE);
        for (int i = 0; i < set.samples().size(); i++) {
            int[] labels = set.read(i).labels();
            long[] truth = new long[labels.length];
            for (int p = 0; p < labels.length; p++) {
                truth[p] = labels[p];
            }
            matrix.add(truth, new long[labels.length]);
        }
        return 100 * matrix.meanIou();
    }
}
