package org.infopro.core.train;

/** Observes a run: progress display, memory probes, logging. */
public interface TrainingListener {

    /** An epoch starts (also when resumed mid-epoch, with the steps already done). */
    default void onEpochStart(int epoch, int epochs, int steps, int alreadyDone) {}

    /** A training step finished. */
    default void onStep(StepResult result, int stepInEpoch, int batchSize, long nanos) {}

    /** An epoch finished and was evaluated. */
    default void onEpochEnd(TrainingState.EpochRecord record, int epochs) {}
}
