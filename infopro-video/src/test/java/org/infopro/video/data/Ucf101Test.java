package org.infopro.video.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UCF101 split files and frame folders written in their real layout. */
class Ucf101Test {

    @TempDir Path dir;
    private Path splits;
    private Path frames;

    @BeforeEach
    void writeSplits() throws IOException {
        splits = Files.createDirectories(dir.resolve("ucfTrainTestlist"));
        frames = dir.resolve("rawframes");
        Files.write(splits.resolve("classInd.txt"), List.of("1 ApplyEyeMakeup", "2 Archery"));
        Files.write(
                splits.resolve("trainlist01.txt"),
                List.of(
                        "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi 1",
                        "Archery/v_Archery_g08_c02.avi 2"));
        Files.write(splits.resolve("testlist01.txt"), List.of("Archery/v_Archery_g01_c01.avi"));
        TinyClips.writeFrames(frames, "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01", 5);
        TinyClips.writeFrames(frames, "Archery/v_Archery_g08_c02", 3);
        TinyClips.writeFrames(frames, "Archery/v_Archery_g01_c01", 4);
    }

    @Test
    void readsTrainAndTestListsOverFrameFolders() throws IOException {
        List<VideoClip> train = Ucf101.open(splits, frames, "trainlist01.txt");
        assertEquals(2, train.size());
        assertEquals(0, train.get(0).label());
        assertEquals(5, train.get(0).frameCount());
        assertEquals(1, train.get(1).label());
        assertTrue(Files.isRegularFile(train.get(1).frame(3)));
        List<VideoClip> test = Ucf101.open(splits, frames, "testlist01.txt");
        assertEquals(
                1, test.get(0).label(), "test lists carry no label: the folder names the class");
        assertEquals(4, test.get(0).frameCount());
    }

    @Test
    void classMissingFromClassIndIsNamed() throws IOException {
        Files.write(splits.resolve("testlist01.txt"), List.of("Bowling/v_Bowling_g01_c01.avi"));
        IOException e =
                assertThrows(
                        IOException.class, () -> Ucf101.open(splits, frames, "testlist01.txt"));
        assertTrue(e.getMessage().contains("testlist01.txt line 1"), e.getMessage());
        assertTrue(e.getMessage().contains("'Bowling'"), e.getMessage());
    }

    @Test
    void lineWithoutFramesNamesTheFolder() throws IOException {
        Files.write(splits.resolve("testlist01.txt"), List.of("Archery/v_Archery_g09_c01.avi"));
        IOException e =
                assertThrows(
                        IOException.class, () -> Ucf101.open(splits, frames, "testlist01.txt"));
        assertTrue(e.getMessage().contains("clip not found: no frame folder"), e.getMessage());
    }

    @Test
    void missingAndAbsentFramesAreNamed() throws IOException {
        Files.delete(frames.resolve("Archery/v_Archery_g01_c01/img_00002.jpg"));
        IOException gap =
                assertThrows(
                        IOException.class, () -> Ucf101.open(splits, frames, "testlist01.txt"));
        assertTrue(gap.getMessage().contains("img_00002.jpg is missing"), gap.getMessage());
        Files.createDirectories(frames.resolve("Archery/v_Archery_g02_c01"));
        Files.write(splits.resolve("testlist01.txt"), List.of("Archery/v_Archery_g02_c01.avi"));
        IOException empty =
                assertThrows(
                        IOException.class, () -> Ucf101.open(splits, frames, "testlist01.txt"));
        assertTrue(empty.getMessage().contains("holds no img_"), empty.getMessage());
    }

    @Test
    void segmentsAreSampledAsTsnDoes() {
        assertArrayEquals(new int[] {2, 4, 7, 9}, SegmentSampler.testing(10, 4));
        assertArrayEquals(new int[] {1, 1, 1, 1}, SegmentSampler.testing(3, 4));
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int[] offsets = SegmentSampler.training(10, 4, random);
            for (int s = 0; s < 4; s++) {
                // segment s of a 10-frame clip at duration 2 covers frames 2s+1 … 2s+2
                assertTrue(offsets[s] >= 2 * s + 1 && offsets[s] <= 2 * s + 2, "segment " + s);
            }
        }
        int[] short5 = SegmentSampler.training(5, 4, random);
        assertEquals(4, short5.length);
    }

    @Test
    void listEntriesThatLeaveTheFramesFolderAreRefused() throws IOException {
        Files.write(splits.resolve("testlist01.txt"), List.of("Archery/../../../outside.avi"));
        IOException e =
                assertThrows(
                        IOException.class, () -> Ucf101.open(splits, frames, "testlist01.txt"));
        assertTrue(
                e.getMessage()
                        .contains("testlist01.txt line 1: path 'Archery/../../../outside' leaves"),
                e.getMessage());
    }
}
