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

    @Test
    void aK2ScheduleUsedAtKThreeNoLongerLeavesTheLastModuleWithoutLoss() {
        LambdaSchedule imageNet = new LambdaSchedule(5, 0.75f, 0, 0);
        assertEquals(false, imageNet.trainsEveryModule(3), "m2 would get (0, 0)");
        LambdaSchedule covered = imageNet.coveringEveryModule();
        assertEquals(true, covered.trainsEveryModule(3));
        assertEquals("m1 (5, 0.75), m2 (5, 0.75)", covered.describe(3));
        // A schedule that trains every module is kept as it is.
        LambdaSchedule r32 = new LambdaSchedule(6, 0, 1, 2);
        assertEquals(r32, r32.coveringEveryModule());
    }

    @Test
    void parseRefusesNegativeAndNonFiniteWeights() {
        for (String bad : new String[] {"-1,1", "NaN,1", "1,Infinity", "1,2,3", "a,b"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> LambdaSchedule.parse(bad));
            assertEquals(true, e.getMessage().startsWith("--lambdas"), e.getMessage());
        }
        // Zero weights are allowed when the user asks for them.
        assertEquals("m1 (0, 0)", LambdaSchedule.parse("0,0").describe(2));
    }
}
