package org.infopro.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a backbone is cut into K gradient-isolated modules.
 *
 * <p>Held as the exclusive end index of every module: for 16 blocks cut after blocks 7 and 11, the
 * ends are {@code [8, 12, 16]}. K = 1 (one module holding every block) is end-to-end training.
 */
public final class SplitPlan {

    private final int[] ends;
    private final String description;

    private SplitPlan(int[] ends, String description) {
        this.ends = ends;
        this.description = description;
    }

    /**
     * A plan from module end indices (exclusive), strictly increasing, the last equal to the number
     * of blocks.
     */
    public static SplitPlan ofEnds(int blockCount, String description, int... ends) {
        if (ends.length == 0 || ends[ends.length - 1] != blockCount) {
            throw new IllegalArgumentException(
                    "The last module must end at block "
                            + blockCount
                            + ", got "
                            + Arrays.toString(ends));
        }
        for (int i = 0; i < ends.length; i++) {
            int previous = i == 0 ? 0 : ends[i - 1];
            if (ends[i] <= previous) {
                throw new IllegalArgumentException(
                        "Module " + (i + 1) + " would be empty: ends " + Arrays.toString(ends));
            }
        }
        return new SplitPlan(ends.clone(), description);
    }

    /** The single-module plan: end-to-end training. */
    public static SplitPlan endToEnd(int blockCount) {
        return ofEnds(blockCount, "e2e", blockCount);
    }

    /** Number of modules K. */
    public int k() {
        return ends.length;
    }

    /** First block index of module {@code m} (0-based). */
    public int start(int m) {
        return m == 0 ? 0 : ends[m - 1];
    }

    /** Exclusive end block index of module {@code m} (0-based). */
    public int end(int m) {
        return ends[m];
    }

    /** Blocks per module, e.g. {@code [8, 8]}. */
    public List<Integer> moduleSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (int m = 0; m < k(); m++) {
            sizes.add(end(m) - start(m));
        }
        return sizes;
    }

    /** Where the plan came from, e.g. {@code infopro*} or {@code even}. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description + " " + moduleSizes();
    }
}
