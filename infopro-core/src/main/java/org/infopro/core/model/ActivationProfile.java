package org.infopro.core.model;

/**
 * Bytes a locally trained module holds until its backward pass, measured per block with a dry
 * forward pass ({@link org.infopro.core.network.ActivationProfiler}), from which a planner predicts
 * each module's peak.
 *
 * @param inputBytes the network input
 * @param blockBytes per block: every array its training forward created (what the module's scope
 *     keeps alive, and autograd's saved tensors among them)
 * @param largestBytes per block: its largest single array, the size of the gradient buffers
 *     backward needs at once
 * @param outputBytes per block: its output, the input a module starting after it holds
 * @param localHeadBytes per block: a local head's forward and loss on that block's output
 * @param taskHeadBytes the task head's forward and loss
 */
public record ActivationProfile(
        long inputBytes,
        long[] blockBytes,
        long[] largestBytes,
        long[] outputBytes,
        long[] localHeadBytes,
        long taskHeadBytes) {

    /** Number of blocks profiled. */
    public int blocks() {
        return blockBytes.length;
    }

    /**
     * Predicted peak bytes of the module holding blocks {@code [start, end)}: its input, its
     * blocks' activations, its head's (the task head when it ends the network), and room for two
     * gradient buffers of its largest array during backward.
     */
    public long moduleBytes(int start, int end) {
        long bytes = start == 0 ? inputBytes : outputBytes[start - 1];
        long largest = 0;
        for (int b = start; b < end; b++) {
            bytes += blockBytes[b];
            largest = Math.max(largest, largestBytes[b]);
        }
        bytes += end == blocks() ? taskHeadBytes : localHeadBytes[end - 1];
        return bytes + 2 * largest;
    }

    /** Predicted peak of a plan: its largest module. */
    public long peakBytes(SplitPlan plan) {
        long peak = 0;
        for (int m = 0; m < plan.k(); m++) {
            peak = Math.max(peak, moduleBytes(plan.start(m), plan.end(m)));
        }
        return peak;
    }
}
