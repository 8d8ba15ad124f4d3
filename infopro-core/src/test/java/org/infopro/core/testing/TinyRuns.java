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
}
