package org.infopro.core.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The interpolated λ values published for the reference configurations. */
class LambdaScheduleTest {

    @Test
    void resnet32K4InterpolatesLinearly() {
        LambdaSchedule s = new LambdaSchedule(6, 0, 1, 2);
        assertEquals(new LambdaSchedule.Lambdas(6, 0), s.at(0, 4));
        assertEquals(new LambdaSchedule.Lambdas(3.5f, 1), s.at(1, 4));
        assertEquals(new LambdaSchedule.Lambdas(1, 2), s.at(2, 4));
    }

    @Test
    void k2UsesTheFirstPairOnly() {
        assertEquals(new LambdaSchedule.Lambdas(5, 1), new LambdaSchedule(5, 1, 0, 0).at(0, 2));
    }

    @Test
    void resnet110K8FirstSteps() {
        LambdaSchedule s = new LambdaSchedule(5, 0, 0, 1);
        assertEquals(5 * 5f / 6, s.at(1, 8).recon(), 1e-6);
        assertEquals(1f / 6, s.at(1, 8).task(), 1e-6);
    }

    @Test
    void parsesAndRejects() {
        assertEquals(new LambdaSchedule(5, 1, 0, 0), LambdaSchedule.parse("5,1,0,0"));
        assertEquals(LambdaSchedule.constant(2, 3), LambdaSchedule.parse("2, 3"));
        assertThrows(IllegalArgumentException.class, () -> LambdaSchedule.parse("a,b"));
        assertThrows(IllegalArgumentException.class, () -> new LambdaSchedule(1, 1, 1, 1).at(1, 2));
        assertEquals(AuxConfig.DEFAULT, AuxConfig.parse("1c2f"));
        assertThrows(IllegalArgumentException.class, () -> AuxConfig.parse("3x"));
    }
}
