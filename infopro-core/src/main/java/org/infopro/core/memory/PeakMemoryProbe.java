package org.infopro.core.memory;

import ai.djl.Device;
import org.infopro.core.train.StepResult;
import org.infopro.core.train.TrainingContext;
import org.infopro.core.train.TrainingListener;

/**
 * Measures the peak memory of training steps above the state after warm-up.
 *
 * <p>On CPU, after the first {@code warmupSteps} steps (which allocate gradients and momentum
 * buffers once) it trims the heap, records the resident size as the baseline and resets the peak;
 * the peak above that baseline over the following steps is the memory the step itself needs:
 * activations, autograd buffers and temporaries. On a GPU it reads the device's committed memory
 * after warm-up and after each step: CUDA's caching allocator keeps what the steps needed, so that
 * value is the peak reserved by them. Peaks are read after each training step, never after the
 * evaluation that follows training.
 */
public final class PeakMemoryProbe implements TrainingListener {

    private final int warmupSteps;
    private final Device device;
    private int seen;
    private long baseline = -1;
    private long stepPeak = -1;

    /**
     * @param warmupSteps steps before the baseline is taken
     * @param device the device training runs on
     */
    public PeakMemoryProbe(int warmupSteps, Device device) {
        this.warmupSteps = warmupSteps;
        this.device = device;
    }

    @Override
    public void onStep(TrainingContext context, StepResult result, int stepInEpoch, long nanos) {
        afterStep();
    }

    /** Reads the memory after a step: the first {@code warmupSteps} set the baseline. */
    void afterStep() {
        seen++;
        if (seen > warmupSteps) {
            // Read after every step, so that what runs after training (evaluation, whose forward
            // pass holds the whole network's activations) does not count.
            long peak = device.isGpu() ? MemoryMeter.deviceBytes(device) : MemoryMeter.peakBytes();
            stepPeak = Math.max(stepPeak, peak);
            return;
        }
        if (seen != warmupSteps) {
            return;
        }
        if (device.isGpu()) {
            baseline = MemoryMeter.deviceBytes(device);
        } else if (MemoryMeter.supported()) {
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
        return stepPeak - baseline;
    }

    /** Resident (CPU) or committed (GPU) bytes after warm-up. */
    public long baselineBytes() {
        return baseline;
    }
}
