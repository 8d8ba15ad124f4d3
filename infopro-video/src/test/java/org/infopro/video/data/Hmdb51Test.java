package org.infopro.video.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HMDB51's per-class split files (tags 0/1/2) over frame folders. */
class Hmdb51Test {

    @TempDir Path dir;

    @Test
    void tagsSelectTrainAndTestClipsAndClassesAreAlphabetical() throws IOException {
        Path splits = Files.createDirectories(dir.resolve("testTrainMulti_7030_splits"));
        Path frames = dir.resolve("rawframes");
        Files.write(
                splits.resolve("wave_test_split1.txt"),
                List.of("w_a.avi 1 ", "w_b.avi 2 ", "w_c.avi 0 "));
        Files.write(splits.resolve("brush_hair_test_split1.txt"), List.of("b_a.avi 1 "));
        Files.write(splits.resolve("wave_test_split2.txt"), List.of("w_a.avi 2 "));
        TinyClips.writeFrames(frames, "wave/w_a", 3);
        TinyClips.writeFrames(frames, "wave/w_b", 2);
        TinyClips.writeFrames(frames, "brush_hair/b_a", 4);

        List<VideoClip> train = Hmdb51.open(splits, frames, 1, true);
        assertEquals(2, train.size());
        assertEquals("b_a.avi", train.get(0).id());
        assertEquals(0, train.get(0).label(), "brush_hair sorts first");
        assertEquals(1, train.get(1).label());
        List<VideoClip> test = Hmdb51.open(splits, frames, 1, false);
        assertEquals(1, test.size());
        assertEquals(2, test.get(0).frameCount());

        Files.write(splits.resolve("wave_test_split1.txt"), List.of("w_a.avi 7"));
        IOException e = assertThrows(IOException.class, () -> Hmdb51.open(splits, frames, 1, true));
        assertTrue(e.getMessage().contains("wave_test_split1.txt line 1"), e.getMessage());
        assertThrows(IOException.class, () -> Hmdb51.open(splits, frames, 3, true));
    }
}
