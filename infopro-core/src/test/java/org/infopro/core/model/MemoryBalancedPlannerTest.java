package org.infopro.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The planner's split against every split enumerated, and the peak model by hand. */
class MemoryBalancedPlannerTest {

    @Test
    void moduleBytesAddInputBlocksHeadAndTwoGradientBuffers() {
        ActivationProfile p =
                new ActivationProfile(
                        10,
                        new long[] {100, 50, 20},
                        new long[] {40, 30, 5},
                        new long[] {8, 4, 2},
                        new long[] {70, 60, 0},
                        9);
        assertEquals(10 + 100 + 50 + 60 + 2 * 40, p.moduleBytes(0, 2));
        assertEquals(4 + 20 + 9 + 2 * 5, p.moduleBytes(2, 3));
        assertEquals(
                Math.max(p.moduleBytes(0, 1), p.moduleBytes(1, 3)),
                p.peakBytes(SplitPlan.ofEnds(3, "t", 1, 3)));
    }

    @RepeatedTest(20)
    void planHasTheSmallestPeakOfAllSplits() {
        Random random = new Random();
        int n = 9;
        long[] bytes = new long[n];
        long[] largest = new long[n];
        long[] outputs = new long[n];
        long[] heads = new long[n];
        for (int b = 0; b < n; b++) {
            bytes[b] = 1 + random.nextInt(1000);
            largest[b] = random.nextInt((int) bytes[b]);
            outputs[b] = random.nextInt(100);
            heads[b] = random.nextInt(300);
        }
        ActivationProfile profile = new ActivationProfile(50, bytes, largest, outputs, heads, 77);
        for (int k = 1; k <= 4; k++) {
            long best = Long.MAX_VALUE;
            for (int[] ends : splits(n, k)) {
                best = Math.min(best, profile.peakBytes(SplitPlan.ofEnds(n, "all", ends)));
            }
            SplitPlan plan = MemoryBalancedPlanner.plan(profile, k);
            assertEquals(k, plan.k());
            assertEquals(best, profile.peakBytes(plan), plan.toString());
        }
    }

    /** Every way to cut n blocks into k non-empty contiguous modules, as end indices. */
    private static java.util.List<int[]> splits(int n, int k) {
        java.util.List<int[]> all = new java.util.ArrayList<>();
        int[] ends = new int[k];
        ends[k - 1] = n;
        fill(all, ends, 0, 0, n, k);
        return all;
    }

    private static void fill(java.util.List<int[]> all, int[] ends, int m, int from, int n, int k) {
        if (m == k - 1) {
            all.add(ends.clone());
            return;
        }
        for (int e = from + 1; e <= n - (k - 1 - m); e++) {
            ends[m] = e;
            fill(all, ends, m + 1, e, n, k);
        }
    }
}
