package org.infopro.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.infopro.core.config.RunConfig;
import org.infopro.core.spi.Registry;
import org.infopro.core.train.Experiment;
import org.infopro.core.train.Training;
import org.infopro.core.train.TrainingState;

/** Tiny end-to-end training runs through the registry, as the command line runs them. */
public final class TinyRuns {

    private TinyRuns() {}

    /** Trains a run from scratch to its last epoch. */
    public static TrainingState train(RunConfig config) throws IOException {
        try (Experiment e =
                Experiment.create(config, Registry.discover(), Experiment.Data.TRAIN_AND_TEST)) {
            return new Training(e).run(new TrainingState());
        }
    }

    /** The first module's (local) and the last module's (task) mean losses fell over the run. */
    public static void assertLocalAndTaskLossesFall(TrainingState state) {
        float[] first = state.history.get(0).meanModuleLoss;
        float[] last = state.history.get(state.history.size() - 1).meanModuleLoss;
        int task = last.length - 1;
        assertTrue(
                last[task] < first[task], "task loss falls: " + first[task] + " -> " + last[task]);
        assertTrue(last[0] < first[0], "local loss falls: " + first[0] + " -> " + last[0]);
    }

    /**
     * A contrastive method is refused for {@code task}, whose labels are not per sample, before the
     * (missing) dataset folder is read.
     */
    public static void assertContrastRefusedBeforeData(
            String task, String backbone, String dataset, java.nio.file.Path missingFolder) {
        RunConfig c =
                RunConfig.builder()
                        .optTask(task)
                        .optBackbone(backbone)
                        .optDataset(dataset)
                        .optDataRoot(missingFolder.toString())
                        .optMethod("infopro-contrast")
                        .build();
        IllegalArgumentException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Experiment.create(
                                        c, Registry.discover(), Experiment.Data.TRAIN_AND_TEST));
        org.junit.jupiter.api.Assertions.assertEquals(
                "--method infopro-contrast needs one label per sample for its contrastive head, and"
                        + " task "
                        + task
                        + " has none (its labels are per pixel or per box); use infopro-softmax",
                e.getMessage());
    }
}
