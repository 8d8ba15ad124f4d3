package org.infopro.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.infopro.core.data.LabeledData;

/**
 * The epoch loop around {@link LocalTrainer}: deterministic shuffling, the learning-rate schedule,
 * evaluation after every epoch, periodic atomic checkpoints and exact resume.
 */
public final class Training {

    private final Experiment experiment;
    private final LocalTrainer trainer;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Path checkpoint;
    private int checkpointEvery;

    public Training(Experiment experiment) {
        this.experiment = experiment;
        this.trainer = experiment.newTrainer();
    }

    /** Adds a listener. */
    public Training addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Saves a checkpoint to {@code file} at every epoch end and every {@code everySteps} steps (0 =
     * epoch ends only).
     */
    public Training checkpointTo(Path file, int everySteps) {
        this.checkpoint = file;
        this.checkpointEvery = everySteps;
        return this;
    }

    /** The trainer (network and optimizer). */
    public LocalTrainer trainer() {
        return trainer;
    }

    /**
     * Trains from {@code state} (a fresh state, or one read from a checkpoint) to the end of the
     * recipe, and returns the final state.
     */
    public TrainingState run(TrainingState state) {
        RunConfig config = experiment.config();
        TrainingRecipe recipe = experiment.recipe();
        LabeledData train = experiment.train();
        int stepsPerEpoch = train.sampleCount() / recipe.batchSize();
        if (stepsPerEpoch == 0) {
            throw new IllegalArgumentException(
                    "Batch size "
                            + recipe.batchSize()
                            + " exceeds the "
                            + train.sampleCount()
                            + " training samples");
        }
        int steps = config.maxSteps > 0 ? Math.min(config.maxSteps, stepsPerEpoch) : stepsPerEpoch;
        LabeledData.Pass pass =
                recipe.augment() ? LabeledData.Pass.TRAINING : LabeledData.Pass.EVALUATION;
        try (BatchPrefetcher loader = new BatchPrefetcher(experiment.manager(), train, pass)) {
            while (state.epoch < recipe.epochs()) {
                runEpoch(state, steps, stepsPerEpoch, loader);
            }
        }
        return state;
    }

    private void runEpoch(
            TrainingState state, int steps, int stepsPerEpoch, BatchPrefetcher loader) {
        TrainingRecipe recipe = experiment.recipe();
        int[] order = permutation(experiment.train().sampleCount(), recipe.seed(), state.epoch);
        long seed = recipe.seed() * 1_000_003L + state.epoch;
        float[] lossSums = new float[trainer.network().k()];
        long epochStart = System.nanoTime();
        listeners.forEach(
                l -> l.onEpochStart(state.epoch, recipe.epochs(), steps, state.stepInEpoch));
        if (state.stepInEpoch < steps) {
            loader.request(batchIndices(order, state.stepInEpoch, recipe.batchSize()), seed);
        }
        while (state.stepInEpoch < steps) {
            float lr = recipe.schedule().at(state.globalStep, stepsPerEpoch, recipe.epochs());
            long start = System.nanoTime();
            StepResult result;
            try (BatchPrefetcher.Loaded loaded = loader.take()) {
                if (state.stepInEpoch + 1 < steps) {
                    loader.request(
                            batchIndices(order, state.stepInEpoch + 1, recipe.batchSize()), seed);
                }
                result = trainer.step(loaded.batch(), state.globalStep, lr);
            }
            long nanos = System.nanoTime() - start;
            if (state.globalStep > 0) {
                state.stepSeconds += nanos / 1e9;
                state.timedSteps++;
            }
            for (int m = 0; m < lossSums.length; m++) {
                lossSums[m] += result.moduleLosses()[m];
            }
            int stepInEpoch = state.stepInEpoch;
            listeners.forEach(l -> l.onStep(result, stepInEpoch, recipe.batchSize(), nanos));
            state.stepInEpoch++;
            state.globalStep++;
            if (checkpointEvery > 0 && state.globalStep % checkpointEvery == 0) {
                save(state);
            }
        }
        finishEpoch(state, lossSums, steps, (System.nanoTime() - epochStart) / 1e9);
    }

    private void finishEpoch(TrainingState state, float[] lossSums, int steps, double seconds) {
        TrainingState.EpochRecord record = new TrainingState.EpochRecord();
        record.epoch = state.epoch;
        record.steps = steps;
        record.seconds = seconds;
        record.meanModuleLoss = new float[lossSums.length];
        for (int m = 0; m < lossSums.length; m++) {
            record.meanModuleLoss[m] = lossSums[m] / steps;
        }
        if (experiment.test() != null) {
            record.test.putAll(experiment.evaluate(experiment.test()));
        }
        state.history.add(record);
        state.epoch++;
        state.stepInEpoch = 0;
        listeners.forEach(l -> l.onEpochEnd(record, experiment.recipe().epochs()));
        save(state);
    }

    private void save(TrainingState state) {
        if (checkpoint == null) {
            return;
        }
        try {
            Checkpoint.save(
                    checkpoint, experiment.config(), state, trainer.network(), trainer.optimizer());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write checkpoint " + checkpoint, e);
        }
    }

    /** The epoch's sample order, a function of (seed, epoch) only. */
    static int[] permutation(int size, long seed, int epoch) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Random random = new Random(seed * 7_919L + epoch);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int[] batchIndices(int[] order, int step, int batchSize) {
        int[] indices = new int[batchSize];
        System.arraycopy(order, step * batchSize, indices, 0, batchSize);
        return indices;
    }
}
