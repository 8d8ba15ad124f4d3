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

/** Something-Something V2's JSON annotations over frame folders. */
class SomethingSomethingV2Test {

    @TempDir Path dir;

    @Test
    void templatesWithoutBracketsNameTheClass() throws IOException {
        Path frames = dir.resolve("frames");
        Files.writeString(
                dir.resolve("something-something-v2-labels.json"),
                "{\"Pushing something from left to right\": \"0\","
                        + " \"Pushing something from right to left\": \"1\"}");
        Files.writeString(
                dir.resolve("something-something-v2-train.json"),
                "[{\"id\": \"78687\", \"label\": \"pushing a cup from right to left\","
                        + " \"template\": \"Pushing [something] from right to left\","
                        + " \"placeholders\": [\"a cup\"]}]");
        TinyClips.writeFrames(frames, "78687", 3);
        List<VideoClip> clips =
                SomethingSomethingV2.open(dir, frames, "something-something-v2-train.json");
        assertEquals(1, clips.size());
        assertEquals(1, clips.get(0).label());
        assertEquals(3, clips.get(0).frameCount());

        Files.writeString(
                dir.resolve("something-something-v2-validation.json"),
                "[{\"id\": \"1\", \"template\": \"Dropping [something]\"}]");
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                SomethingSomethingV2.open(
                                        dir, frames, "something-something-v2-validation.json"));
        assertTrue(e.getMessage().contains("'Dropping something'"), e.getMessage());
        Files.writeString(dir.resolve("broken.json"), "[{\"id\": ");
        IOException broken =
                assertThrows(
                        IOException.class,
                        () -> SomethingSomethingV2.open(dir, frames, "broken.json"));
        assertTrue(broken.getMessage().contains("broken.json"), broken.getMessage());
    }
}
