package org.infopro.core.memory;

import org.infopro.core.train.StepResult;
import org.infopro.core.train.TrainingListener;

/**
 * Measures the peak memory of training steps above the state after warm-up.
 *
 * <p>After the first {@code warmupSteps} steps (which allocate gradients and momentum buffers
 * once), it trims the heap, records the resident size as the baseline and resets the peak; the
 * peak above that baseline over the following steps is the memory the step itself needs:
 * activations, autograd buffers and temporaries.
 */
public final class PeakMemoryProbe implements TrainingListener {

    private final int warmupSteps;
    private int seen;
    private long baseline = -1;

    public PeakMemoryProbe(int warmupSteps) {
        this.warmupSteps = warmupSteps;
    }

    @Override
    public void onStep(StepResult result, int stepInEpoch, int batchSize, long nanos) {
        seen++;
        if (seen == warmupSteps && MemoryMeter.supported()) {
            MemoryMeter.trim();
            baseline = MemoryMeter.residentBytes();
            MemoryMeter.resetPeak();
        }
    }

    /** Whether enough steps ran after warm-up for a measurement. */
    public boolean measured() {
        return baseline >= 0 && seen > warmupSteps;
    }

    /** Peak bytes above the post-warm-up baseline. */
    public long stepPeakBytes() {
        return MemoryMeter.peakBytes() - baseline;
    }

    /** Resident bytes after warm-up. */
    public long baselineBytes() {
        return baseline;
    }
}
