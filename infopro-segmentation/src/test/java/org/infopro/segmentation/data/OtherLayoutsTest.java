package org.infopro.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.infopro.core.data.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cityscapes and ADE20K readers on tiny files in their real layouts. */
class OtherLayoutsTest {

    @TempDir Path root;

    @Test
    void cityscapesMapsLabelIdsToTrainIds() throws IOException {
        Path image = root.resolve("leftImg8bit/val/aachen/aachen_000000_000019_leftImg8bit.png");
        ImageFiles.writeRgb(image, new byte[2 * 3 * 3], 2, 3, "png");
        ImageFiles.writeGrey(
                root.resolve("gtFine/val/aachen/aachen_000000_000019_gtFine_labelIds.png"),
                new int[] {7, 26, 33, 0, 4, 24},
                2,
                3);
        SegmentationSet set = Cityscapes.open(root, "val");
        assertEquals(1, set.samples().size());
        assertArrayEquals(new int[] {0, 13, 18, 255, 255, 11}, set.read(0).labels());
    }

    @Test
    void cityscapesRejectsUnknownLabelIds() throws IOException {
        ImageFiles.writeRgb(
                root.resolve("leftImg8bit/val/bonn/bonn_1_2_leftImg8bit.png"),
                new byte[12],
                2,
                2,
                "png");
        ImageFiles.writeGrey(
                root.resolve("gtFine/val/bonn/bonn_1_2_gtFine_labelIds.png"),
                new int[] {7, 7, 40, 7},
                2,
                2);
        IOException e = assertThrows(IOException.class, () -> Cityscapes.open(root, "val").read(0));
        assertTrue(
                e.getMessage().contains("bonn_1_2_gtFine_labelIds.png")
                        && e.getMessage().contains("label 40"),
                e.getMessage());
    }

    @Test
    void cityscapesImageWithoutMaskIsNamed() throws IOException {
        ImageFiles.writeRgb(
                root.resolve("leftImg8bit/train/ulm/ulm_1_2_leftImg8bit.png"),
                new byte[12],
                2,
                2,
                "png");
        IOException e = assertThrows(IOException.class, () -> Cityscapes.open(root, "train"));
        assertTrue(e.getMessage().contains("ulm_1_2_gtFine_labelIds.png"), e.getMessage());
    }

    @Test
    void ade20kReducesTheZeroLabel() throws IOException {
        Path base = root.resolve("ADEChallengeData2016");
        ImageFiles.writeRgb(
                base.resolve("images/validation/ADE_val_00000001.jpg"), new byte[12], 2, 2, "jpg");
        ImageFiles.writeGrey(
                base.resolve("annotations/validation/ADE_val_00000001.png"),
                new int[] {0, 1, 150, 7},
                2,
                2);
        SegmentationSet set = Ade20k.open(root, "validation");
        assertArrayEquals(new int[] {255, 0, 149, 6}, set.read(0).labels());
        assertEquals(150, set.classes());
    }

    private static void assertArrayEquals(int[] expected, int[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }
}
