package org.infopro.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.infopro.core.config.RunConfig;
import org.infopro.core.data.LabeledData;
import org.infopro.core.optim.Optimizer;
import org.infopro.core.optim.PerModuleOptimizer;
import org.infopro.core.testing.Toys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop: a tiny InfoPro run learns, a killed run resumes bit for bit, --max-steps shortens the
 * schedule, listeners stop training, per-module optimizers equal one.
 */
class TrainingTest {

    @TempDir Path dir;

    @Test
    void infoProContrastLearnsAndResumesBitwiseExactly() throws Exception {
        // 650 samples at batch 32: 20 full batches and a last one of 10, which is trained too.
        RunConfig.Builder config = config().toBuilder();
        TrainingState uninterrupted;
        Map<String, float[]> uninterruptedWeights;
        try (Experiment e = experiment(config.build())) {
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
        assertTrue(top1 > 60, "well above the 25% of chance: " + top1);

        Path checkpoint = dir.resolve("run/checkpoint.ckpt");
        try (Experiment e = experiment(config.build())) {
            Training killed =
                    new Training(e).checkpointTo(checkpoint, 4).addListener(new KillAt(30));
            assertThrows(Killed.class, () -> killed.run(new TrainingState()));
        }
        Checkpoint header = Checkpoint.readHeader(checkpoint);
        assertEquals(1, header.state().epoch, "killed in the middle of epoch 2");
        assertEquals(7, header.state().stepInEpoch, "last checkpoint at global step 28");
        TrainingState resumed;
        Map<String, float[]> resumedWeights;
        try (Experiment e = experiment(header.config())) {
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
        RunConfig.Builder config = config().toBuilder().optEpochs(2).optMaxSteps(3).optEvalEvery(2);
        for (String schedule : List.of("cosine", "step:1")) {
            config.optSchedule(schedule);
            List<Float> rates = new ArrayList<>();
            try (Experiment e = experiment(config.build())) {
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

    @Test
    void aListenerThatRequestsAStopEndsTrainingAfterThatEpochWithItsCheckpoint() throws Exception {
        RunConfig config = config().toBuilder().optEpochs(5).optMaxSteps(2).build();
        Path checkpoint = dir.resolve("stopped/checkpoint.ckpt");
        java.nio.file.Files.createDirectories(checkpoint.getParent());
        TrainingState done;
        try (Experiment e = experiment(config)) {
            done =
                    new Training(e)
                            .addListener(
                                    new TrainingListener() {
                                        @Override
                                        public void onEpochEnd(
                                                TrainingContext c,
                                                TrainingState.EpochRecord record) {
                                            if (record.epoch == 1) {
                                                c.requestStop();
                                            }
                                        }
                                    })
                            .checkpointTo(checkpoint, 0)
                            .run();
        }
        assertEquals(2, done.history.size());
        assertEquals(2, Checkpoint.readHeader(checkpoint).state().epoch);
    }

    @Test
    void earlyStoppingWaitsPatienceEvaluatedEpochsWithoutImprovement() {
        TrainingState state = new TrainingState();
        TrainingContext context = new TrainingContext(null, null, state, 1);
        EarlyStopping stopping = new EarlyStopping("top1", 2, true);
        double[] top1 = {50, 60, Double.NaN, 55, 58};
        boolean[] stopAfter = {false, false, false, false, true};
        for (int epoch = 0; epoch < top1.length; epoch++) {
            TrainingState.EpochRecord record = new TrainingState.EpochRecord();
            record.epoch = epoch;
            if (!Double.isNaN(top1[epoch])) {
                record.test.put("top1", top1[epoch]);
            }
            stopping.onEpochEnd(context, record);
            state.history.add(record);
            assertEquals(stopAfter[epoch], context.stopRequested(), "after epoch " + epoch);
        }
        assertEquals(60, stopping.best());
        // Resumed, it counts the epochs before the checkpoint: one more without gain stops it.
        TrainingContext resumed = new TrainingContext(null, null, state, 1);
        EarlyStopping again = new EarlyStopping("top1", 3, true);
        again.onTrainingStart(resumed);
        TrainingState.EpochRecord next = new TrainingState.EpochRecord();
        next.test.put("top1", 59.0);
        again.onEpochEnd(resumed, next);
        assertTrue(resumed.stopRequested());
    }

    @Test
    void perModuleOptimizersOfOneKindEqualOneOptimizer() throws Exception {
        RunConfig.Builder config = config().toBuilder().optK(3).optEpochs(1).optMaxSteps(5);
        Map<String, float[]> one;
        try (Experiment e = experiment(config.build())) {
            Training training = new Training(e);
            training.run();
            one = snapshot(e, training);
        }
        Map<String, float[]> perModule = new TreeMap<>();
        try (Experiment e =
                Toys.builder(config.build(), TRAIN, TEST)
                        .optOptimizer(
                                new PerModuleOptimizer(3, m -> Optimizer.sgd(0.9f, true, 1e-4f)))
                        .build()) {
            new Training(e).run();
            e.network()
                    .getParameters()
                    .forEach(
                            p -> perModule.put(p.getKey(), p.getValue().getArray().toFloatArray()));
        }
        for (String name : perModule.keySet()) {
            assertArrayEquals(one.get(name), perModule.get(name), 0f, name);
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

    private static final LabeledData TRAIN = Toys.images(650, 1);
    private static final LabeledData TEST = Toys.images(200, 2);

    private static Experiment experiment(RunConfig config) throws java.io.IOException {
        return Toys.experiment(config, TRAIN, TEST);
    }

    private static RunConfig config() {
        return RunConfig.builder()
                .optMethod("infopro-contrast")
                .optK(2)
                .optSplit("even")
                .optEpochs(4)
                .optBatch(32)
                .optLr(0.1f)
                .optEvalBatch(100)
                .optEvalEvery(3)
                .build();
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
