package org.infopro.core.model;

/**
 * InfoPro*: cuts a backbone into K modules whose predicted peak memories are as equal as possible,
 * that is, the split minimising the largest module's peak (ties: the smaller sum of squared peaks),
 * found exactly by dynamic programming over the contiguous splits.
 */
public final class MemoryBalancedPlanner {

    /** Strategy name of the measured planner. */
    public static final String NAME = "balanced";

    private MemoryBalancedPlanner() {}

    /** The most balanced K-module split of the profiled blocks. */
    public static SplitPlan plan(ActivationProfile profile, int k) {
        int n = profile.blocks();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException(
                    "K must be between 1 and the block count " + n + ", got " + k);
        }
        long[][] cost = new long[n + 1][n + 1];
        for (int s = 0; s < n; s++) {
            for (int e = s + 1; e <= n; e++) {
                cost[s][e] = profile.moduleBytes(s, e);
            }
        }
        // best[m][e]: the best (max, sum of squares) covering blocks [0, e) with m modules.
        double[][] max = new double[k + 1][n + 1];
        double[][] squares = new double[k + 1][n + 1];
        int[][] previousEnd = new int[k + 1][n + 1];
        for (double[] row : max) {
            java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        max[0][0] = 0;
        for (int m = 1; m <= k; m++) {
            for (int e = m; e <= n; e++) {
                for (int s = m - 1; s < e; s++) {
                    if (max[m - 1][s] == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    double c = cost[s][e];
                    double candidateMax = Math.max(max[m - 1][s], c);
                    double candidateSquares = squares[m - 1][s] + c * c;
                    if (candidateMax < max[m][e]
                            || candidateMax == max[m][e] && candidateSquares < squares[m][e]) {
                        max[m][e] = candidateMax;
                        squares[m][e] = candidateSquares;
                        previousEnd[m][e] = s;
                    }
                }
            }
        }
        int[] ends = new int[k];
        int e = n;
        for (int m = k; m >= 1; m--) {
            ends[m - 1] = e;
            e = previousEnd[m][e];
        }
        return SplitPlan.ofEnds(n, NAME, ends);
    }
}
