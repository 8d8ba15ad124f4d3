package org.infopro.core.train;

/**
 * Observes and steers one run of {@link Training}: progress, evaluation, checkpoints, logging,
 * early stopping. Listeners are called in the order they were added, the built-in evaluation first,
 * so that later listeners see an epoch's test metrics.
 */
public interface TrainingListener {

    /** Training starts, or resumes from a checkpoint ({@link TrainingContext#state()}). */
    default void onTrainingStart(TrainingContext context) {}

    /** An epoch starts (also when resumed mid-epoch, after {@code state().stepInEpoch} steps). */
    default void onEpochStart(TrainingContext context) {}

    /**
     * A training step finished.
     *
     * @param stepInEpoch its 0-based index in the epoch
     * @param nanos its wall time
     */
    default void onStep(TrainingContext context, StepResult result, int stepInEpoch, long nanos) {}

    /**
     * Whether this listener wants {@link #onSettled} after {@code stepsDone} steps of the run.
     * Asynchronous training then lets every module finish the batches it holds first, so that the
     * parameters and optimizer state belong to one step (a checkpoint needs that).
     */
    default boolean wantsSettledAfter(long stepsDone) {
        return false;
    }

    /** Every module has finished step {@code state().globalStep - 1}; nothing is in flight. */
    default void onSettled(TrainingContext context) {}

    /**
     * An epoch finished; listeners before this one may have added to {@code record.test}. The
     * record is already in the state's history.
     */
    default void onEpochEnd(TrainingContext context, TrainingState.EpochRecord record) {}

    /** Training ended: the schedule is done or a listener requested a stop. */
    default void onTrainingEnd(TrainingContext context) {}
}
