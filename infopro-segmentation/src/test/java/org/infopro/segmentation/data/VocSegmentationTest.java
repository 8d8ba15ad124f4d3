package org.infopro.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.core.data.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VOC reader on tiny files in the real layout, and its errors on bad input. */
class VocSegmentationTest {

    @TempDir Path root;

    @Test
    void readsPaletteMasksAsClassIndices() throws IOException {
        writeSample("a", 4, 3, new int[] {0, 0, 15, 15, 0, 255, 15, 1, 20, 20, 0, 0});
        Files.writeString(list("val"), "a\n");
        SegmentationSet voc = VocSegmentation.open(root, "val", VocSegmentation.CLASSES);
        LabelMap map = voc.read(0);
        assertEquals(3, map.height());
        assertEquals(4, map.width());
        assertEquals(15, map.labels()[2]);
        assertEquals(255, map.labels()[5]);
        assertEquals(20, map.labels()[8]);
        assertEquals(3 * 4 * 3, map.rgb().length);
    }

    @Test
    void readsSbdAugListLines() throws IOException {
        Path mask = root.resolve("SegmentationClassAug/b.png");
        ImageFiles.writePalettePng(mask, new int[] {1, 2, 3, 4}, 2, 2);
        ImageFiles.writeRgb(root.resolve("JPEGImages/b.jpg"), new byte[12], 2, 2, "jpg");
        Files.writeString(list("aug"), "/JPEGImages/b.jpg /SegmentationClassAug/b.png\n");
        SegmentationSet voc = VocSegmentation.open(root, "aug", VocSegmentation.CLASSES);
        assertEquals("b", voc.samples().get(0).id());
        assertEquals(4, voc.read(0).labels()[3]);
    }

    @Test
    void missingMaskNamesImageAndMask() throws IOException {
        ImageFiles.writeRgb(root.resolve("JPEGImages/c.jpg"), new byte[12], 2, 2, "jpg");
        Files.writeString(list("train"), "c\n");
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> VocSegmentation.open(root, "train", VocSegmentation.CLASSES));
        assertTrue(
                e.getMessage().contains("SegmentationClass/c.png")
                        && e.getMessage().contains("JPEGImages/c.jpg"),
                e.getMessage());
    }

    @Test
    void listLinePointingNowhereNamesTheLine() throws IOException {
        Files.writeString(list("train"), "\nghost\n");
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> VocSegmentation.open(root, "train", VocSegmentation.CLASSES));
        assertTrue(
                e.getMessage().contains("line 2") && e.getMessage().contains("ghost.jpg"),
                e.getMessage());
    }

    @Test
    void maskOfAnotherSizeIsNamed() throws IOException {
        ImageFiles.writeRgb(root.resolve("JPEGImages/d.jpg"), new byte[3 * 4 * 3], 3, 4, "jpg");
        ImageFiles.writePalettePng(root.resolve("SegmentationClass/d.png"), new int[4], 2, 2);
        Files.writeString(list("val"), "d\n");
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> VocSegmentation.open(root, "val", VocSegmentation.CLASSES).read(0));
        assertTrue(
                e.getMessage().contains("d.png")
                        && e.getMessage().contains("2x2")
                        && e.getMessage().contains("4x3"),
                e.getMessage());
    }

    @Test
    void unknownLabelIsNamedWithItsPixel() throws IOException {
        writeSample("e", 2, 2, new int[] {0, 1, 2, 77});
        Files.writeString(list("val"), "e\n");
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> VocSegmentation.open(root, "val", VocSegmentation.CLASSES).read(0));
        assertTrue(
                e.getMessage().contains("e.png")
                        && e.getMessage().contains("label 77")
                        && e.getMessage().contains("0..20")
                        && e.getMessage().contains("(1, 1)"),
                e.getMessage());
    }

    @Test
    void missingListIsNamed() {
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> VocSegmentation.open(root, "test", VocSegmentation.CLASSES));
        assertTrue(e.getMessage().contains("ImageSets/Segmentation/test.txt"), e.getMessage());
    }

    private void writeSample(String id, int width, int height, int[] labels) throws IOException {
        ImageFiles.writeRgb(
                root.resolve("JPEGImages/" + id + ".jpg"),
                new byte[width * height * 3],
                height,
                width,
                "jpg");
        ImageFiles.writePalettePng(
                root.resolve("SegmentationClass/" + id + ".png"), labels, height, width);
    }

    private Path list(String split) throws IOException {
        Path dir = Files.createDirectories(root.resolve("ImageSets/Segmentation"));
        return dir.resolve(split + ".txt");
    }

    @Test
    void listEntriesThatLeaveTheDatasetFolderAreRefused() throws IOException {
        Files.writeString(list("train"), "../../outside.jpg ../../outside.png\n");
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> VocSegmentation.open(root, "train", VocSegmentation.CLASSES));
        assertTrue(
                e.getMessage().contains("train.txt line 1: path '../../outside.jpg' leaves"),
                e.getMessage());
    }
}
