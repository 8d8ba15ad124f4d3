package org.infopro.core.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The probe measures training steps only, not what runs after them (evaluation). */
class PeakMemoryProbeTest {

    private static final double MB = 1024.0 * 1024.0;

    @Test
    void memoryUsedAfterTheLastStepDoesNotCount() {
        assumeTrue(MemoryMeter.supported(), "needs /proc/self/status");
        PeakMemoryProbe probe = new PeakMemoryProbe(1, Device.cpu());
        try (NDManager manager = NDManager.newBaseManager()) {
            probe.afterStep(); // warm-up: baseline
            NDArray during = manager.ones(new Shape(64, 1024, 1024)); // 256 MB in a step
            probe.afterStep();
            during.close();
            NDArray after = manager.ones(new Shape(192, 1024, 1024)); // 768 MB afterwards
            after.close();
            double measured = probe.stepPeakBytes() / MB;
            assertTrue(measured > 200 && measured < 600, "step peak " + measured + " MB");
        }
    }
}
