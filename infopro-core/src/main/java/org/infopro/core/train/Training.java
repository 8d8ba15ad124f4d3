package org.infopro.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        int stepsPerEpoch = stepsPerEpoch(train.sampleCount(), recipe.batchSize());
        // --max-steps shortens the schedule too, so that a cosine still reaches 0 and a step
        // schedule still decays within the steps that run.
        int steps = config.maxSteps > 0 ? Math.min(config.maxSteps, stepsPerEpoch) : stepsPerEpoch;
        LabeledData.Pass pass =
                recipe.augment() ? LabeledData.Pass.TRAINING : LabeledData.Pass.EVALUATION;
        try (BatchPrefetcher loader = new BatchPrefetcher(experiment.manager(), train, pass)) {
            while (state.epoch < recipe.epochs()) {
                runEpoch(state, steps, loader);
            }
        }
        return state;
    }

    private void runEpoch(TrainingState state, int steps, BatchPrefetcher loader) {
        TrainingRecipe recipe = experiment.recipe();
        int[] order = permutation(experiment.train().sampleCount(), recipe.seed(), state.epoch);
        long seed = recipe.seed() * 1_000_003L + state.epoch;
        if (state.epochLossSums == null || state.stepInEpoch == 0) {
            state.epochLossSums = new float[trainer.network().k()];
        }
        // Kept in the state, so that a resumed epoch's mean loss covers the steps before the
        // resume point too.
        float[] lossSums = state.epochLossSums;
        long epochStart = System.nanoTime();
        listeners.forEach(
                l -> l.onEpochStart(state.epoch, recipe.epochs(), steps, state.stepInEpoch));
        if (state.stepInEpoch < steps) {
            loader.request(batchIndices(order, state.stepInEpoch, recipe.batchSize()), seed);
        }
        if (experiment.config().asyncQueue > 0) {
            runAsynchronously(state, steps, loader, order, seed, lossSums);
        } else {
            runSimultaneously(state, steps, loader, order, seed, lossSums);
        }
        finishEpoch(state, lossSums, steps, (System.nanoTime() - epochStart) / 1e9);
    }

    /** Module by module on each batch in turn ({@link LocalTrainer}). */
    private void runSimultaneously(
            TrainingState state,
            int steps,
            BatchPrefetcher loader,
            int[] order,
            long seed,
            float[] lossSums) {
        TrainingRecipe recipe = experiment.recipe();
        while (state.stepInEpoch < steps) {
            float lr = recipe.schedule().at(state.globalStep, steps, recipe.epochs());
            long start = System.nanoTime();
            StepResult result;
            try (BatchPrefetcher.Loaded loaded = loader.take()) {
                requestNext(state, steps, loader, order, seed);
                result = trainer.step(loaded.batch(), state.globalStep, lr);
            }
            report(state, result, System.nanoTime() - start, lossSums);
            state.stepInEpoch++;
            state.globalStep++;
            if (checkpointEvery > 0 && state.globalStep % checkpointEvery == 0) {
                save(state);
            }
        }
    }

    /**
     * Every module on a worker of its own ({@link AsyncLocalTrainer}): batches are submitted to
     * module 1 as fast as it takes them and reported as the last module finishes them; the pipeline
     * drains before checkpoints and at the epoch's end.
     */
    private void runAsynchronously(
            TrainingState state,
            int steps,
            BatchPrefetcher loader,
            int[] order,
            long seed,
            float[] lossSums) {
        TrainingRecipe recipe = experiment.recipe();
        long[] last = {System.nanoTime()};
        try (AsyncLocalTrainer async =
                new AsyncLocalTrainer(
                        trainer.network(),
                        experiment.task(),
                        trainer.optimizer(),
                        experiment.config().asyncQueue)) {
            while (state.stepInEpoch < steps) {
                float lr = recipe.schedule().at(state.globalStep, steps, recipe.epochs());
                BatchPrefetcher.Loaded loaded = loader.take();
                requestNext(state, steps, loader, order, seed);
                async.submit(loaded.batch(), loaded, state.globalStep, lr);
                state.stepInEpoch++;
                state.globalStep++;
                async.poll().forEach(r -> reportAsync(state, r, last, lossSums));
                if (checkpointEvery > 0 && state.globalStep % checkpointEvery == 0) {
                    async.drain().forEach(r -> reportAsync(state, r, last, lossSums));
                    save(state);
                }
            }
            async.drain().forEach(r -> reportAsync(state, r, last, lossSums));
        }
    }

    private void reportAsync(TrainingState state, StepResult result, long[] last, float[] sums) {
        long now = System.nanoTime();
        report(state, result, now - last[0], sums);
        last[0] = now;
    }

    private void requestNext(
            TrainingState state, int steps, BatchPrefetcher loader, int[] order, long seed) {
        if (state.stepInEpoch + 1 < steps) {
            loader.request(
                    batchIndices(order, state.stepInEpoch + 1, experiment.recipe().batchSize()),
                    seed);
        }
    }

    /** Step time, losses and listeners for a finished step. */
    private void report(TrainingState state, StepResult result, long nanos, float[] lossSums) {
        if (result.step() > 0) {
            state.stepSeconds += nanos / 1e9;
            state.timedSteps++;
        }
        for (int m = 0; m < lossSums.length; m++) {
            lossSums[m] += result.moduleLosses()[m];
        }
        // Asynchronous results arrive after later batches were submitted: count from the epoch.
        int stepInEpoch = (int) (result.step() - (state.globalStep - state.stepInEpoch));
        listeners.forEach(
                l -> l.onStep(result, stepInEpoch, experiment.recipe().batchSize(), nanos));
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
        int done = state.epoch + 1;
        boolean last = done >= experiment.recipe().epochs();
        if (experiment.test() != null
                && (last || done % Math.max(1, experiment.config().evalEvery) == 0)) {
            record.test.putAll(experiment.evaluate(experiment.test()));
        }
        state.history.add(record);
        state.epoch++;
        state.stepInEpoch = 0;
        state.epochLossSums = null;
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

    /**
     * Steps per epoch: the last, smaller batch is trained too (as PyTorch's {@code drop_last=False}
     * does), except a last batch of one sample, which batch normalisation cannot normalise.
     */
    static int stepsPerEpoch(int samples, int batchSize) {
        if (samples < 2) {
            throw new IllegalArgumentException(
                    "The training set has " + samples + " samples; at least 2 are needed");
        }
        int full = samples / batchSize;
        int rest = samples % batchSize;
        return full + (rest > 1 ? 1 : 0);
    }

    private static int[] batchIndices(int[] order, int step, int batchSize) {
        int from = step * batchSize;
        return Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
    }
}
