package org.infopro.segmentation.train;

import java.nio.file.Path;
import org.infopro.core.testing.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contrastive method is refused for segmentation, which has no per-image labels, before data is
 * read.
 */
class SegmentationCapabilityTest {

    @Test
    void infoProContrastIsRefusedBeforeAnyDataIsRead(@TempDir Path dir) {
        TinyRuns.assertContrastRefusedBeforeData(
                "segmentation",
                "deeplabv3-r18-d8-narrow",
                "voc2012",
                dir.resolve("no-such-dataset"));
    }
}
