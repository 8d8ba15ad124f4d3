package org.infopro.classification.backbone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.objective.LambdaSchedule;

/**
 * The paper's split tables and λ values for the CIFAR ResNets, as data (INFOPRO.md §2.7, §3.1,
 * §3.2). A split entry {@code [s, b]} ends a module after block b of stage s; stage 0 is the stem.
 *
 * @param splits table name → K → names of the blocks that end modules 1..K-1
 * @param lambdas table name → K → λ schedule (CIFAR-10 values)
 */
public record ResNetTables(
        Map<String, Map<Integer, List<String>>> splits,
        Map<String, TreeMap<Integer, LambdaSchedule>> lambdas) {

    /** No published tables (e.g. the tiny test variant). */
    public static ResNetTables none() {
        return new ResNetTables(Map.of(), Map.of());
    }

    /**
     * The λ schedule for a table and K: the published one, else the one of the nearest published K
     * of the same table (the even split borrows the equal-layer table's values).
     */
    public Optional<LambdaSchedule> lambdas(String table, int k) {
        TreeMap<Integer, LambdaSchedule> byK = lambdas.get(table);
        if (byK == null) {
            byK = lambdas.get(SplitPlanner.PAPER);
        }
        if (byK == null || byK.isEmpty()) {
            return Optional.empty();
        }
        Integer below = byK.floorKey(k);
        Integer above = byK.ceilingKey(k);
        Integer nearest =
                below == null
                        ? above
                        : above == null ? below : (k - below <= above - k ? below : above);
        return Optional.of(byK.get(nearest));
    }

    /** ResNet-32: equal-layer splits for K = 2, 3, 4, 8, 16 and the released λ values. */
    public static ResNetTables resnet32() {
        Map<Integer, List<String>> paper = new LinkedHashMap<>();
        paper.put(2, ends(2, 1));
        paper.put(3, ends(1, 4, 2, 4));
        paper.put(4, ends(1, 2, 2, 1, 3, 0));
        paper.put(8, ends(1, 0, 1, 2, 1, 4, 2, 1, 2, 3, 3, 0, 3, 2));
        paper.put(
                16,
                ends(
                        0, 0, 1, 0, 1, 1, 1, 2, 1, 3, 1, 4, 2, 0, 2, 1, 2, 2, 2, 3, 2, 4, 3, 0, 3,
                        1, 3, 2, 3, 3));
        TreeMap<Integer, LambdaSchedule> lambdas = new TreeMap<>();
        lambdas.put(2, new LambdaSchedule(5, 1, 0, 0));
        lambdas.put(4, new LambdaSchedule(6, 0, 1, 2));
        lambdas.put(8, new LambdaSchedule(5, 0, 0, 2));
        lambdas.put(16, new LambdaSchedule(5, 0.05f, 0.2f, 0.5f));
        return new ResNetTables(
                Map.of(SplitPlanner.PAPER, paper), Map.of(SplitPlanner.PAPER, lambdas));
    }

    /** ResNet-110: equal-layer splits (K = 2, 3, 4, 8, 16) and InfoPro* splits (K = 2, 3, 4). */
    public static ResNetTables resnet110() {
        Map<Integer, List<String>> paper = new LinkedHashMap<>();
        paper.put(2, ends(2, 8));
        paper.put(3, ends(1, 17, 2, 17));
        paper.put(4, ends(1, 11, 2, 7, 3, 3));
        paper.put(8, ends(1, 4, 1, 11, 2, 0, 2, 7, 2, 14, 3, 3, 3, 10));
        paper.put(
                16,
                ends(
                        1, 1, 1, 4, 1, 7, 1, 10, 1, 13, 1, 16, 2, 1, 2, 4, 2, 7, 2, 11, 2, 15, 3, 1,
                        3, 5, 3, 9, 3, 13));
        Map<Integer, List<String>> balanced = new LinkedHashMap<>();
        balanced.put(2, ends(1, 14));
        balanced.put(3, ends(1, 9, 2, 2));
        balanced.put(4, ends(1, 6, 1, 14, 2, 8));
        TreeMap<Integer, LambdaSchedule> paperLambdas = new TreeMap<>();
        paperLambdas.put(2, new LambdaSchedule(5, 0.5f, 0, 0));
        paperLambdas.put(4, new LambdaSchedule(1, 0, 0, 1));
        paperLambdas.put(8, new LambdaSchedule(5, 0, 0, 1));
        paperLambdas.put(16, new LambdaSchedule(5, 0, 0.5f, 1));
        TreeMap<Integer, LambdaSchedule> balancedLambdas = new TreeMap<>();
        balancedLambdas.put(2, new LambdaSchedule(5, 0.1f, 0, 0));
        balancedLambdas.put(3, new LambdaSchedule(5, 0, 5, 0.1f));
        balancedLambdas.put(4, new LambdaSchedule(5, 0, 5, 0.1f));
        return new ResNetTables(
                Map.of(SplitPlanner.PAPER, paper, SplitPlanner.MEMORY_BALANCED, balanced),
                Map.of(
                        SplitPlanner.PAPER,
                        paperLambdas,
                        SplitPlanner.MEMORY_BALANCED,
                        balancedLambdas));
    }

    /** Block names from {@code stage, block} pairs. */
    static List<String> ends(int... stageBlockPairs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < stageBlockPairs.length; i += 2) {
            int stage = stageBlockPairs[i];
            names.add(stage == 0 ? "stem" : "stage" + stage + ".block" + stageBlockPairs[i + 1]);
        }
        return names;
    }
}
