package org.infopro.core.train;

import org.infopro.core.network.LocalNetwork;
import org.infopro.core.optim.Optimizer;

/**
 * What a {@link TrainingListener} sees of the run: the experiment, the trainer, the position in the
 * schedule, and a way to end training early.
 */
public final class TrainingContext {

    private final Experiment experiment;
    private final LocalTrainer trainer;
    private final TrainingState state;
    private final int stepsPerEpoch;
    private boolean stopRequested;

    TrainingContext(
            Experiment experiment, LocalTrainer trainer, TrainingState state, int stepsPerEpoch) {
        this.experiment = experiment;
        this.trainer = trainer;
        this.state = state;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /** The run: configuration, data, task. */
    public Experiment experiment() {
        return experiment;
    }

    /** The network being trained. */
    public LocalNetwork network() {
        return trainer.network();
    }

    /** The optimizer, whose state checkpoints save. */
    public Optimizer optimizer() {
        return trainer.optimizer();
    }

    /** The position in the schedule and the history so far (live; listeners may read it). */
    public TrainingState state() {
        return state;
    }

    /** Epochs the recipe trains. */
    public int epochs() {
        return experiment.recipe().epochs();
    }

    /** Steps in one epoch (after {@code --max-steps}). */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Samples per training batch (the last batch of an epoch may be smaller). */
    public int batchSize() {
        return experiment.recipe().batchSize();
    }

    /** Ends training after the epoch in progress (its evaluation and checkpoint still run). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether a listener asked training to end. */
    public boolean stopRequested() {
        return stopRequested;
    }
}
