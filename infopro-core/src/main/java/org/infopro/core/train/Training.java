package org.infopro.core.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.infopro.core.config.TrainingRecipe;
import org.infopro.core.data.LabeledData;

/**
 * The one training loop: epochs of batches in a deterministic order, the learning-rate schedule,
 * and an execution strategy (simultaneous, or asynchronous with {@code asyncQueue > 0}); everything
 * else — evaluation, checkpoints, progress, logging, early stopping — is a {@link
 * TrainingListener}.
 *
 * <pre>{@code
 * TrainingState done = new Training(experiment)
 *         .addListener(ProgressBar.onConsole())
 *         .checkpointTo(out.resolve("checkpoint.ckpt"), 0)
 *         .run();
 * }</pre>
 */
public final class Training {

    private final Experiment experiment;
    private final LocalTrainer trainer;
    private final List<TrainingListener> listeners = new ArrayList<>();

    /** A loop over the experiment's network and optimizer, evaluating as its configuration says. */
    public Training(Experiment experiment) {
        this.experiment = experiment;
        this.trainer = experiment.newTrainer();
        listeners.add(new Evaluation(Math.max(1, experiment.config().evalEvery())));
    }

    /** Adds a listener, called after those added before it. */
    public Training addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Adds {@link Checkpointing} to {@code file} at every epoch end and every {@code everySteps}
     * steps (0 = epoch ends only).
     */
    public Training checkpointTo(Path file, int everySteps) {
        return addListener(new Checkpointing(file, everySteps));
    }

    /** The trainer (network and optimizer). */
    public LocalTrainer trainer() {
        return trainer;
    }

    /** Trains from the start to the end of the recipe and returns the final state. */
    public TrainingState run() {
        return run(new TrainingState());
    }

    /**
     * Continues the run saved in {@code checkpoint} (or in the one kept before it, when the last is
     * damaged, with a warning on {@code warnings}): loads the weights, the optimizer's state and
     * the position, then trains to the end of the recipe. The experiment must be built from the
     * checkpoint's configuration ({@link Checkpoint#readHeader}); its epochs may be more.
     *
     * @throws IOException when neither checkpoint is intact or the weights do not fit
     */
    public TrainingState resume(Path checkpoint, PrintStream warnings) throws IOException {
        Path intact = Checkpoint.intact(checkpoint, warnings);
        Checkpoint saved =
                Checkpoint.load(
                        intact, trainer.network(), trainer.optimizer(), experiment.manager());
        return run(saved.state());
    }

    /**
     * Trains from {@code state} (a fresh state, or one read from a checkpoint whose weights are
     * loaded) to the end of the recipe, and returns the final state.
     */
    public TrainingState run(TrainingState state) {
        TrainingRecipe recipe = experiment.recipe();
        LabeledData train = experiment.train();
        int stepsPerEpoch = stepsPerEpoch(train.sampleCount(), recipe.batchSize());
        int maxSteps = experiment.config().maxSteps();
        // --max-steps shortens the schedule too, so that a cosine still reaches 0 and a step
        // schedule still decays within the steps that run.
        int steps = maxSteps > 0 ? Math.min(maxSteps, stepsPerEpoch) : stepsPerEpoch;
        TrainingContext context = new TrainingContext(experiment, trainer, state, steps);
        LabeledData.Pass pass =
                recipe.augment() ? LabeledData.Pass.TRAINING : LabeledData.Pass.EVALUATION;
        listeners.forEach(l -> l.onTrainingStart(context));
        try (BatchPrefetcher loader = new BatchPrefetcher(experiment.manager(), train, pass)) {
            while (state.epoch < recipe.epochs() && !context.stopRequested()) {
                runEpoch(context, loader);
            }
        }
        listeners.forEach(l -> l.onTrainingEnd(context));
        return state;
    }

    private void runEpoch(TrainingContext context, BatchPrefetcher loader) {
        TrainingState state = context.state();
        TrainingRecipe recipe = experiment.recipe();
        int[] order = permutation(experiment.train().sampleCount(), recipe.seed(), state.epoch);
        long seed = recipe.seed() * 1_000_003L + state.epoch;
        if (state.epochLossSums == null || state.stepInEpoch == 0) {
            state.epochLossSums = new float[trainer.network().k()];
        }
        long epochStart = System.nanoTime();
        listeners.forEach(l -> l.onEpochStart(context));
        Epoch epoch = new Epoch(context, loader, order, seed);
        if (state.stepInEpoch < context.stepsPerEpoch()) {
            loader.request(batchIndices(order, state.stepInEpoch, recipe.batchSize()), seed);
        }
        if (experiment.config().asyncQueue() > 0) {
            runAsynchronously(epoch);
        } else {
            runSimultaneously(epoch);
        }
        finishEpoch(context, (System.nanoTime() - epochStart) / 1e9);
    }

    /** One epoch's loader, sample order and augmentation seed. */
    private record Epoch(TrainingContext context, BatchPrefetcher loader, int[] order, long seed) {
        TrainingState state() {
            return context.state();
        }
    }

    /** Module by module on each batch in turn ({@link LocalTrainer}). */
    private void runSimultaneously(Epoch epoch) {
        TrainingState state = epoch.state();
        TrainingRecipe recipe = experiment.recipe();
        int steps = epoch.context().stepsPerEpoch();
        while (state.stepInEpoch < steps) {
            float lr = recipe.schedule().at(state.globalStep, steps, recipe.epochs());
            long start = System.nanoTime();
            StepResult result;
            try (BatchPrefetcher.Loaded loaded = epoch.loader().take()) {
                requestNext(epoch);
                result = trainer.step(loaded.batch(), state.globalStep, lr);
            }
            report(epoch.context(), result, System.nanoTime() - start);
            state.stepInEpoch++;
            state.globalStep++;
            settleIfWanted(epoch.context(), () -> {});
        }
    }

    /**
     * Every module on a worker of its own ({@link AsyncLocalTrainer}): batches are submitted to
     * module 1 as fast as it takes them and reported as the last module finishes them; the pipeline
     * drains where a listener wants a settled state, and at the epoch's end.
     */
    private void runAsynchronously(Epoch epoch) {
        TrainingState state = epoch.state();
        TrainingContext context = epoch.context();
        TrainingRecipe recipe = experiment.recipe();
        int steps = context.stepsPerEpoch();
        long[] last = {System.nanoTime()};
        try (AsyncLocalTrainer async =
                new AsyncLocalTrainer(
                        trainer.network(),
                        experiment.task(),
                        trainer.optimizer(),
                        experiment.config().asyncQueue())) {
            while (state.stepInEpoch < steps) {
                float lr = recipe.schedule().at(state.globalStep, steps, recipe.epochs());
                BatchPrefetcher.Loaded loaded = epoch.loader().take();
                requestNext(epoch);
                async.submit(loaded.batch(), loaded, state.globalStep, lr);
                state.stepInEpoch++;
                state.globalStep++;
                async.poll().forEach(r -> reportAsync(context, r, last));
                settleIfWanted(
                        context, () -> async.drain().forEach(r -> reportAsync(context, r, last)));
            }
            async.drain().forEach(r -> reportAsync(context, r, last));
        }
    }

    /** Calls {@link TrainingListener#onSettled} of the listeners that want this step, once. */
    private void settleIfWanted(TrainingContext context, Runnable drain) {
        long done = context.state().globalStep;
        List<TrainingListener> wanting =
                listeners.stream().filter(l -> l.wantsSettledAfter(done)).toList();
        if (!wanting.isEmpty()) {
            drain.run();
            wanting.forEach(l -> l.onSettled(context));
        }
    }

    private void reportAsync(TrainingContext context, StepResult result, long[] last) {
        long now = System.nanoTime();
        report(context, result, now - last[0]);
        last[0] = now;
    }

    private void requestNext(Epoch epoch) {
        TrainingState state = epoch.state();
        if (state.stepInEpoch + 1 < epoch.context().stepsPerEpoch()) {
            epoch.loader()
                    .request(
                            batchIndices(
                                    epoch.order(),
                                    state.stepInEpoch + 1,
                                    experiment.recipe().batchSize()),
                            epoch.seed());
        }
    }

    /** Step time, losses and listeners for a finished step. */
    private void report(TrainingContext context, StepResult result, long nanos) {
        TrainingState state = context.state();
        if (result.step() > 0) {
            state.stepSeconds += nanos / 1e9;
            state.timedSteps++;
        }
        // Kept in the state, so that a resumed epoch's mean loss covers the steps before the
        // resume point too.
        float[] lossSums = state.epochLossSums;
        for (int m = 0; m < lossSums.length; m++) {
            lossSums[m] += result.moduleLosses()[m];
        }
        // Asynchronous results arrive after later batches were submitted: count from the epoch.
        int stepInEpoch = (int) (result.step() - (state.globalStep - state.stepInEpoch));
        listeners.forEach(l -> l.onStep(context, result, stepInEpoch, nanos));
    }

    private void finishEpoch(TrainingContext context, double seconds) {
        TrainingState state = context.state();
        float[] lossSums = state.epochLossSums;
        TrainingState.EpochRecord record = new TrainingState.EpochRecord();
        record.epoch = state.epoch;
        record.steps = context.stepsPerEpoch();
        record.seconds = seconds;
        record.meanModuleLoss = new float[lossSums.length];
        for (int m = 0; m < lossSums.length; m++) {
            record.meanModuleLoss[m] = lossSums[m] / record.steps;
        }
        state.history.add(record);
        state.epoch++;
        state.stepInEpoch = 0;
        state.epochLossSums = null;
        listeners.forEach(l -> l.onEpochEnd(context, record));
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
