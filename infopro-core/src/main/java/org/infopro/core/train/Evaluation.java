package org.infopro.core.train;

/**
 * Evaluates the network on the experiment's test split at the end of every {@code every}-th epoch
 * and of the last one, and puts the metrics into the epoch's record. {@link Training} adds one,
 * from the configuration's {@code evalEvery}, before any other listener.
 */
public final class Evaluation implements TrainingListener {

    private final int every;

    /**
     * @param every evaluate every this many epochs (the last always)
     */
    public Evaluation(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("evaluate every N ≥ 1 epochs, got " + every);
        }
        this.every = every;
    }

    @Override
    public void onEpochEnd(TrainingContext context, TrainingState.EpochRecord record) {
        Experiment experiment = context.experiment();
        int done = record.epoch + 1;
        if (experiment.test() != null && (done >= context.epochs() || done % every == 0)) {
            record.test.putAll(experiment.evaluate(experiment.test()));
        }
    }
}
