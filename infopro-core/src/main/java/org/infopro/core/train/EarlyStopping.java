package org.infopro.core.train;

/**
 * Ends training when a test metric has not improved for {@code patience} evaluated epochs, as
 * Keras' and mmengine's early-stopping hooks do. Epochs without that metric (not evaluated) do not
 * count.
 */
public final class EarlyStopping implements TrainingListener {

    private final String metric;
    private final int patience;
    private final boolean higherIsBetter;
    private double best = Double.NaN;
    private int sinceBest;

    /**
     * @param metric the test metric, e.g. {@code top1} or {@code mIoU}
     * @param patience evaluated epochs without improvement before stopping
     * @param higherIsBetter whether larger values are better (accuracy) or smaller (a loss)
     */
    public EarlyStopping(String metric, int patience, boolean higherIsBetter) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be ≥ 1, got " + patience);
        }
        this.metric = metric;
        this.patience = patience;
        this.higherIsBetter = higherIsBetter;
    }

    /** A resumed run counts the epochs before the checkpoint too. */
    @Override
    public void onTrainingStart(TrainingContext context) {
        best = Double.NaN;
        sinceBest = 0;
        context.state().history.forEach(record -> observe(context, record));
    }

    @Override
    public void onEpochEnd(TrainingContext context, TrainingState.EpochRecord record) {
        observe(context, record);
    }

    private void observe(TrainingContext context, TrainingState.EpochRecord record) {
        Double value = record.test.get(metric);
        if (value == null) {
            return;
        }
        if (Double.isNaN(best) || (higherIsBetter ? value > best : value < best)) {
            best = value;
            sinceBest = 0;
        } else if (++sinceBest >= patience) {
            context.requestStop();
        }
    }

    /** The best value seen, or NaN before the first evaluation. */
    public double best() {
        return best;
    }
}
