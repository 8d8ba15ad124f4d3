package org.infopro.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run stands: the position in the schedule and the per-epoch history. Together with the
 * seed it is all the random state there is: shuffling and augmentation are derived from (seed,
 * epoch, sample), so a resumed run replays the same batches.
 */
public final class TrainingState {
    /** The epoch in progress, 0-based. */
    public int epoch;

    /** Steps finished in that epoch. */
    public int stepInEpoch;

    /** Steps finished in the whole run. */
    public long globalStep;

    /** Wall time spent in training steps, excluding the run's first (warm-up) step. */
    public double stepSeconds;

    /** Steps counted in {@link #stepSeconds}. */
    public long timedSteps;

    /**
     * Per-module loss sums of the steps finished in the epoch in progress (null between epochs).
     */
    public float[] epochLossSums;

    /** One record per finished epoch. */
    public List<EpochRecord> history = new ArrayList<>();

    /** Mean milliseconds per training step, or NaN before the second step. */
    public double msPerStep() {
        return timedSteps == 0 ? Double.NaN : 1000 * stepSeconds / timedSteps;
    }

    /** The best value of a test metric over epochs, or NaN without history. */
    public double best(String metric) {
        return history.stream()
                .mapToDouble(r -> r.test.getOrDefault(metric, Double.NaN))
                .max()
                .orElse(Double.NaN);
    }

    /** The last epoch's value of a test metric, or NaN without history. */
    public double last(String metric) {
        return history.isEmpty()
                ? Double.NaN
                : history.get(history.size() - 1).test.getOrDefault(metric, Double.NaN);
    }

    /** The summary of one epoch. */
    public static final class EpochRecord {
        public int epoch;
        public int steps;
        public float[] meanModuleLoss;
        public Map<String, Double> test = new LinkedHashMap<>();
        public double seconds;
    }
}
