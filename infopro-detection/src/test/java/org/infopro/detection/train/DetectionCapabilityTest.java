package org.infopro.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.infopro.core.config.RunConfig;
import org.infopro.core.spi.Registry;
import org.infopro.core.train.Experiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contrastive method is refused for detection, which has no per-image labels, before data is
 * read.
 */
class DetectionCapabilityTest {

    @Test
    void infoProContrastIsRefusedBeforeAnyDataIsRead(@TempDir Path dir) {
        RunConfig c = new RunConfig();
        c.task = "detection";
        c.backbone = "faster_rcnn_r18n_fpn";
        c.dataset = "coco";
        c.dataRoot = dir.resolve("no-such-dataset").toString();
        c.method = "infopro-contrast";
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Experiment.create(
                                        c, Registry.discover(), Experiment.Data.TRAIN_AND_TEST));
        assertEquals(
                "--method infopro-contrast needs one label per sample for its contrastive head, and"
                        + " task detection has none (its labels are per pixel or per box); use"
                        + " infopro-softmax",
                e.getMessage());
    }
}
