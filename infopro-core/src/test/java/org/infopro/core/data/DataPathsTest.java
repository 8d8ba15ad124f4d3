package org.infopro.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Paths from data files stay inside their dataset folder. */
class DataPathsTest {

    private static final Path ROOT = Path.of("/data/coco/train2017");

    @Test
    void relativePathsResolveInsideTheFolder() throws IOException {
        assertEquals(ROOT.resolve("a/b.jpg"), DataPaths.inside(ROOT, "a/b.jpg", "x"));
        assertEquals(ROOT.resolve("b.jpg"), DataPaths.inside(ROOT, "a/../b.jpg", "x"));
    }

    @Test
    void climbingOutOrAbsolutePathsAreRefusedNamingTheEntry() {
        for (String bad : new String[] {"../../etc/passwd", "/etc/passwd", "a/../../b.jpg"}) {
            IOException e =
                    assertThrows(
                            IOException.class,
                            () -> DataPaths.inside(ROOT, bad, "instances.json: image 7"));
            assertTrue(
                    e.getMessage().startsWith("instances.json: image 7: path '"), e.getMessage());
        }
    }
}
