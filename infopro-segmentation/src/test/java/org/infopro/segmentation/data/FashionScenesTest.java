package org.infopro.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.core.config.PixelSize;
import org.infopro.core.data.LabeledData;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.testing.SyntheticItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated scenes are written in the VOC layout, read back by the VOC reader, reproducibly. */
class FashionScenesTest {

    @TempDir Path dir;

    @Test
    void scenesRoundTripThroughTheVocReader() throws Exception {
        FashionScenes scenes = new FashionScenes(SyntheticItems.rectangles(), 64, 80);
        scenes.write(dir.resolve("a"), "train", 5, 7);
        scenes.write(dir.resolve("b"), "train", 5, 7);
        SegmentationSet set =
                VocSegmentation.open(dir.resolve("a"), "train", FashionScenes.CLASSES);
        assertEquals(5, set.samples().size());
        boolean sawItem = false;
        boolean sawBorder = false;
        for (int i = 0; i < 5; i++) {
            LabelMap map = set.read(i);
            assertEquals(64, map.height());
            assertEquals(80, map.width());
            for (int label : map.labels()) {
                assertTrue(label <= 10 || label == 255, "label " + label);
                sawItem |= label >= 1 && label <= 10;
                sawBorder |= label == 255;
            }
        }
        assertTrue(sawItem && sawBorder);
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("a/SegmentationClass/train_000003.png")),
                Files.readAllBytes(dir.resolve("b/SegmentationClass/train_000003.png")),
                "same seed, same scene");
    }

    /** An unstamped set is read as written; a crop request sets the training sample shape. */
    @Test
    void providerReadsAGivenSetWithTheRequestedCrop() throws Exception {
        FashionScenes scenes = new FashionScenes(SyntheticItems.rectangles(), 64, 80);
        scenes.write(dir, "train", 3, 1);
        scenes.write(dir, "val", 2, 2);
        SegmentationDatasets provider = new SegmentationDatasets();
        LabeledData train = provider.open("fashion-scenes", dir, "train", 0, new PixelSize(32, 48));
        assertEquals(3, train.sampleCount());
        assertEquals(new FeatureShape(3, 32, 48), train.sampleShape());
        assertEquals(2, provider.open("fashion-scenes", dir, "test", 0).sampleCount());
        assertFalse(Files.exists(dir.resolve("GENERATOR_VERSION")), "nothing regenerated");
    }
}
