package org.infopro.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LrScheduleTest {

    @Test
    void cosinePerStepDecaysToZero() {
        LrSchedule s = LrSchedule.cosinePerStep(0.1f);
        assertEquals(0.1f, s.at(0, 100, 2), 1e-7);
        assertEquals(0.05f, s.at(100, 100, 2), 1e-7);
        assertEquals(0f, s.at(200, 100, 2), 1e-7);
    }

    @Test
    void referenceCifarScheduleWarmsUpFrom0_01AndEndsAtZero() {
        LrSchedule s = LrSchedule.cosineWithWarmup(0.8f, 10);
        assertEquals(0.01f, s.at(0, 50, 160), 1e-7); // epoch 1
        double e11 = 0.5 * 0.8 * (1 + Math.cos(Math.PI * 11 / 160));
        assertEquals(e11, s.at(10 * 50, 50, 160), 1e-6);
        assertEquals(0f, s.at(159 * 50, 50, 160), 1e-7); // last epoch
    }

    @Test
    void stepScheduleDropsAtMilestones() {
        LrSchedule s = LrSchedule.step(0.1f, 0.1f, 80, 120);
        assertEquals(0.1f, s.at(79 * 10, 10, 160), 1e-7);
        assertEquals(0.01f, s.at(80 * 10, 10, 160), 1e-7);
        assertEquals(0.001f, s.at(120 * 10, 10, 160), 1e-8);
    }

    @Test
    void polyDecaysToItsFloor() {
        LrSchedule s = LrSchedule.poly(0.01f, 0.9f, 1e-4f);
        assertEquals(0.01f, s.at(0, 100, 4), 1e-8);
        assertEquals((0.01 - 1e-4) * Math.pow(0.5, 0.9) + 1e-4, s.at(200, 100, 4), 1e-7);
        assertEquals(1e-4f, s.at(400, 100, 4), 1e-8);
    }

    @Test
    void namedStepMilestonesAndLinearWarmUp() {
        LrSchedule s = LrSchedule.withWarmup(LrSchedule.named("step:8,11", 0.02f, 12), 500);
        assertEquals(0.02f * 0.001f, s.at(0, 100, 12), 1e-9);
        assertEquals(0.02f * (0.001f + 0.999f * 0.5f), s.at(250, 100, 12), 1e-7);
        assertEquals(0.02f, s.at(500, 100, 12), 1e-8);
        assertEquals(0.002f, s.at(800, 100, 12), 1e-8);
        assertEquals(0.0002f, s.at(1100, 100, 12), 1e-9);
    }
}
