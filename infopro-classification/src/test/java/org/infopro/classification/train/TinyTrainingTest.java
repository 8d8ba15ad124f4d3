package org.infopro.classification.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.infopro.classification.Synthetic;
import org.infopro.core.spi.Registry;
import org.infopro.core.train.Checkpoint;
import org.infopro.core.train.Experiment;
import org.infopro.core.train.RunConfig;
import org.infopro.core.train.StepResult;
import org.infopro.core.train.Training;
import org.infopro.core.train.TrainingListener;
import org.infopro.core.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: a tiny InfoPro run learns, and a killed run resumes to the same result. */
class TinyTrainingTest {

    @TempDir Path dir;

    @Test
    void infoProContrastLearnsAndResumesExactly() throws Exception {
        RunConfig config = config(Synthetic.writeIdxDataset(dir.resolve("data"), 640, 200));
        TrainingState uninterrupted;
        try (Experiment e =
                Experiment.create(config, Registry.discover(), Experiment.Data.TRAIN_AND_TEST)) {
            uninterrupted = new Training(e).run(new TrainingState());
        }
        float[] first = uninterrupted.history.get(0).meanModuleLoss;
        float[] last = uninterrupted.history.get(3).meanModuleLoss;
        assertTrue(last[1] < first[1], "task loss falls: " + first[1] + " -> " + last[1]);
        assertTrue(last[0] < first[0], "local loss falls: " + first[0] + " -> " + last[0]);
        List<Boolean> evaluated =
                uninterrupted.history.stream().map(r -> !r.test.isEmpty()).toList();
        assertEquals(List.of(false, false, true, true), evaluated, "every 3rd epoch and the last");
        double top1 = uninterrupted.last("top1");
        assertTrue(top1 > 50, "well above the 10% of chance: " + top1);

        Path checkpoint = dir.resolve("run/checkpoint.ckpt");
        try (Experiment e =
                Experiment.create(config, Registry.discover(), Experiment.Data.TRAIN_AND_TEST)) {
            Training killed =
                    new Training(e).checkpointTo(checkpoint, 4).addListener(new KillAt(30));
            assertThrows(Killed.class, () -> killed.run(new TrainingState()));
        }
        Checkpoint header = Checkpoint.readHeader(checkpoint);
        assertEquals(1, header.state().epoch, "killed in the middle of epoch 2");
        assertEquals(8, header.state().stepInEpoch);
        TrainingState resumed;
        try (Experiment e =
                Experiment.create(
                        header.config(), Registry.discover(), Experiment.Data.TRAIN_AND_TEST)) {
            Training training = new Training(e).checkpointTo(checkpoint, 4);
            Checkpoint.load(checkpoint, e.network(), training.trainer().optimizer(), e.manager());
            resumed = training.run(header.state());
        }
        assertEquals(uninterrupted.globalStep, resumed.globalStep);
        assertEquals(top1, resumed.last("top1"), 2.0, "same batches, same updates: within noise");
    }

    private static RunConfig config(Path data) {
        RunConfig c = new RunConfig();
        c.backbone = "resnet8-tiny";
        c.dataset = "fashion-mnist";
        c.dataRoot = data.toString();
        c.method = "infopro-contrast";
        c.k = 2;
        c.split = "even";
        c.epochs = 4;
        c.batch = 32;
        c.lr = 0.1f;
        c.evalBatch = 100;
        c.evalEvery = 3;
        return c;
    }

    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** Simulates the process dying after a given global step. */
    private record KillAt(long step) implements TrainingListener {
        @Override
        public void onStep(StepResult result, int stepInEpoch, int batchSize, long nanos) {
            if (result.step() + 1 == step) {
                throw new Killed();
            }
        }
    }
}
