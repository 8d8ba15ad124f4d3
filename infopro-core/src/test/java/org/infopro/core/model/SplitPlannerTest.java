package org.infopro.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SplitPlannerTest {

    @Test
    void evenSplitGivesExtraBlocksToEarlierModules() {
        assertEquals(List.of(6, 5, 5), SplitPlanner.even(16, 3).moduleSizes());
        assertEquals(List.of(8, 8), SplitPlanner.even(16, 2).moduleSizes());
        assertEquals(List.of(16), SplitPlanner.even(16, 1).moduleSizes());
    }

    @Test
    void rejectsBadPlans() {
        assertThrows(IllegalArgumentException.class, () -> SplitPlanner.even(4, 5));
        assertThrows(IllegalArgumentException.class, () -> SplitPlan.ofEnds(4, "x", 2, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> SplitPlan.ofEnds(4, "x", 2, 3));
    }

    @Test
    void moduleBoundaries() {
        SplitPlan plan = SplitPlan.ofEnds(10, "t", 3, 7, 10);
        assertEquals(3, plan.k());
        assertEquals(3, plan.start(1));
        assertEquals(7, plan.end(1));
    }
}
