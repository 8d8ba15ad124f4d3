package org.infopro.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.video.data.TinyClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code infopro video extract-frames} over a folder of MJPG AVI files. */
class VideoCommandTest {

    @TempDir Path dir;

    @Test
    void extractsEveryVideoKeepingTheLayout() throws IOException {
        TinyClips.writeVideo(dir.resolve("videos/Archery/v_Archery_g01_c01.avi"), 3);
        TinyClips.writeVideo(dir.resolve("videos/Bowling/v_Bowling_g01_c01.avi"), 2);
        int rc = extract(dir.resolve("videos"), dir.resolve("frames"), new StringWriter());
        assertEquals(0, rc);
        assertTrue(Files.exists(dir.resolve("frames/Archery/v_Archery_g01_c01/img_00003.jpg")));
        assertTrue(Files.exists(dir.resolve("frames/Bowling/v_Bowling_g01_c01/img_00002.jpg")));
    }

    @Test
    void aFolderWithoutVideosFails() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        StringWriter err = new StringWriter();
        assertNotEquals(0, extract(dir.resolve("empty"), dir.resolve("frames"), err));
        assertTrue(err.toString().contains("no video files"), err.toString());
    }

    private static int extract(Path videos, Path out, StringWriter err) {
        CommandLine cli = new CommandLine(new VideoCommand());
        cli.setErr(new PrintWriter(err));
        return cli.execute(
                "extract-frames", "--videos", videos.toString(), "--out", out.toString());
    }
}
