package org.infopro.video.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infopro.core.data.OpenCv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/** MJPG AVI files through OpenCV's VideoCapture, and frame extraction. */
class VideoFilesTest {

    @TempDir Path dir;

    @Test
    void countsAndDecodesChosenFrames() throws IOException {
        Path video = dir.resolve("clip.avi");
        TinyClips.writeVideo(video, 6);
        assertEquals(6, VideoFiles.frameCount(video));
        Mat[] frames = VideoFiles.readRgb(video, new int[] {5, 2, 2});
        assertEquals(3, frames.length);
        assertEquals(16, frames[0].rows());
        assertGrey(100, frames[0]);
        assertGrey(40, frames[1]);
        assertGrey(40, frames[2]);
    }

    @Test
    void extractsFrameFoldersThatTheReadersAccept() throws IOException {
        Path video = dir.resolve("clip.avi");
        TinyClips.writeVideo(video, 4);
        Path folder = dir.resolve("frames/clip");
        assertEquals(4, VideoFiles.extractFrames(video, folder));
        assertEquals(4, FrameFolders.count(folder, "test"));
        assertGrey(60, OpenCv.readRgb(FrameFolders.frame(folder, 3)));
    }

    @Test
    void aClipWithoutFolderIsReadFromItsVideo() throws IOException {
        Path splits = Files.createDirectories(dir.resolve("lists"));
        Files.write(splits.resolve("classInd.txt"), List.of("1 Archery"));
        Files.write(splits.resolve("testlist01.txt"), List.of("Archery/v_Archery_g01_c01.avi"));
        TinyClips.writeVideo(dir.resolve("frames/Archery/v_Archery_g01_c01.avi"), 5);
        VideoClip clip = Ucf101.open(splits, dir.resolve("frames"), "testlist01.txt").get(0);
        assertTrue(clip.isVideoFile());
        assertEquals(5, clip.frameCount());
        assertGrey(80, VideoData.read(clip, new int[] {4})[0]);
    }

    @Test
    void anEmptyVideoIsNamed() throws IOException {
        Path video = dir.resolve("empty.avi");
        TinyClips.writeVideo(video, 0);
        IOException e = assertThrows(IOException.class, () -> VideoFiles.frameCount(video));
        assertTrue(e.getMessage().contains("empty.avi"), e.getMessage());
    }

    @Test
    void undecodableAndMissingFilesAreNamed() throws IOException {
        Path junk = Files.write(dir.resolve("junk.avi"), new byte[] {1, 2, 3, 4});
        IOException bad = assertThrows(IOException.class, () -> VideoFiles.frameCount(junk));
        assertTrue(bad.getMessage().contains("junk.avi"), bad.getMessage());
        IOException missing =
                assertThrows(
                        IOException.class, () -> VideoFiles.frameCount(dir.resolve("none.avi")));
        assertTrue(missing.getMessage().contains("none.avi: file not found"), missing.getMessage());
    }

    @Test
    void askingBeyondTheEndIsNamed() throws IOException {
        Path video = dir.resolve("short.avi");
        TinyClips.writeVideo(video, 3);
        IOException e =
                assertThrows(IOException.class, () -> VideoFiles.readRgb(video, new int[] {5}));
        assertTrue(e.getMessage().contains("ends at 3"), e.getMessage());
    }

    /** JPEG coding moves uniform greys by a unit or two. */
    private static void assertGrey(int expected, Mat frame) {
        double[] pixel = frame.get(8, 8);
        for (double v : pixel) {
            assertEquals(expected, v, 3, "pixel " + java.util.Arrays.toString(pixel));
        }
    }
}
