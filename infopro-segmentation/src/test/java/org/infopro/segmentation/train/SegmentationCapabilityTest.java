package org.infopro.segmentation.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.infopro.core.config.RunConfig;
import org.infopro.core.spi.Registry;
import org.infopro.core.train.Experiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contrastive method is refused for segmentation, which has no per-image labels, before data is
 * read.
 */
class SegmentationCapabilityTest {

    @Test
    void infoProContrastIsRefusedBeforeAnyDataIsRead(@TempDir Path dir) {
        RunConfig c = new RunConfig();
        c.task = "segmentation";
        c.backbone = "deeplabv3-r18-d8-narrow";
        c.dataset = "voc2012";
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
                        + " task segmentation has none (its labels are per pixel or per box); use"
                        + " infopro-softmax",
                e.getMessage());
    }
}
