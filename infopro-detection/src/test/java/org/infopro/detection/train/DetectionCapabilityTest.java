package org.infopro.detection.train;

import java.nio.file.Path;
import org.infopro.core.testing.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contrastive method is refused for detection, which has no per-image labels, before data is
 * read.
 */
class DetectionCapabilityTest {

    @Test
    void infoProContrastIsRefusedBeforeAnyDataIsRead(@TempDir Path dir) {
        TinyRuns.assertContrastRefusedBeforeData(
                "detection", "faster_rcnn_r18n_fpn", "coco", dir.resolve("no-such-dataset"));
    }
}
