package org.infopro.classification.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.infopro.classification.Synthetic;
import org.infopro.core.spi.Registry;
import org.infopro.core.train.Checkpoint;
import org.infopro.core.train.Experiment;
import org.infopro.core.train.RunConfig;
import org.infopro.core.train.StepResult;
import org.infopro.core.train.Training;
import org.infopro.core.train.TrainingContext;
import org.infopro.core.train.TrainingListener;
import org.infopro.core.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: a tiny InfoPro run learns, and a killed run resumes to the same result. */
class TinyTrainingTest {

    @TempDir Path dir;

    @Test
    void infoProContrastLearnsAndResumesBitwiseExactly() throws Exception {
        // 650 samples at batch 32: 20 full batches and a last one of 10, which is trained too.
        RunConfig config = config(Synthetic.writeIdxDataset(dir.resolve("data"), 650, 200));
        TrainingState uninterrupted;
        Map<String, float[]> uninterruptedWeights;
        try (Experiment e =
                Experiment.create(config, Registry.discover(), Experiment.Data.TRAIN_AND_TEST)) {
            Training training = new Training(e);
            uninterrupted = training.run(new TrainingState());
            uninterruptedWeights = snapshot(e, training);
        }
        assertEquals(21, uninterrupted.history.get(0).steps, "the last partial batch counts");
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
        assertEquals(7, header.state().stepInEpoch, "last checkpoint at global step 28");
        TrainingState resumed;
        Map<String, float[]> resumedWeights;
        try (Experiment e =
                Experiment.create(
                        header.config(), Registry.discover(), Experiment.Data.TRAIN_AND_TEST)) {
            Training training = new Training(e).checkpointTo(checkpoint, 4);
            resumed = training.resume(checkpoint, System.err);
            resumedWeights = snapshot(e, training);
        }
        assertEquals(uninterrupted.globalStep, resumed.globalStep);
        assertEquals(uninterruptedWeights.keySet(), resumedWeights.keySet());
        for (String name : uninterruptedWeights.keySet()) {
            assertArrayEquals(uninterruptedWeights.get(name), resumedWeights.get(name), 0f, name);
        }
        assertEquals(uninterrupted.history.size(), resumed.history.size());
        for (int i = 0; i < uninterrupted.history.size(); i++) {
            TrainingState.EpochRecord a = uninterrupted.history.get(i);
            TrainingState.EpochRecord b = resumed.history.get(i);
            assertEquals(a.steps, b.steps, "epoch " + i);
            assertArrayEquals(a.meanModuleLoss, b.meanModuleLoss, 0f, "mean losses, epoch " + i);
            assertEquals(a.test, b.test, "test metrics, epoch " + i);
        }
    }

    @Test
    void maxStepsShortensTheLearningRateSchedule() throws Exception {
        RunConfig config = config(Synthetic.writeIdxDataset(dir.resolve("data"), 650, 100));
        config.epochs = 2;
        config.maxSteps = 3;
        config.evalEvery = 2;
        for (String schedule : List.of("cosine", "step:1")) {
            config.schedule = schedule;
            List<Float> rates = new ArrayList<>();
            try (Experiment e =
                    Experiment.create(
                            config, Registry.discover(), Experiment.Data.TRAIN_AND_TEST)) {
                new Training(e)
                        .addListener(
                                new TrainingListener() {
                                    @Override
                                    public void onStep(
                                            TrainingContext c, StepResult r, int step, long nanos) {
                                        rates.add(r.learningRate());
                                    }
                                })
                        .run(new TrainingState());
            }
            assertEquals(6, rates.size());
            // Over 6 steps, not 2 × 21: the cosine is near 0 at the end, the step decayed by 10×.
            float expectedLast =
                    schedule.equals("cosine")
                            ? (float) (0.05 * (1 + Math.cos(Math.PI * 5 / 6)))
                            : 0.01f;
            assertEquals(expectedLast, rates.get(5), 1e-6, schedule + ": " + rates);
        }
    }

    /** Every parameter (BN statistics included) and every momentum buffer, by name. */
    private static Map<String, float[]> snapshot(Experiment e, Training training) {
        Map<String, float[]> values = new TreeMap<>();
        e.network()
                .getParameters()
                .forEach(p -> values.put(p.getKey(), p.getValue().getArray().toFloatArray()));
        training.trainer()
                .optimizer()
                .state()
                .forEach((name, array) -> values.put("momentum/" + name, array.toFloatArray()));
        return values;
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
        public void onStep(
                TrainingContext context, StepResult result, int stepInEpoch, long nanos) {
            if (result.step() + 1 == step) {
                throw new Killed();
            }
        }
    }
}
