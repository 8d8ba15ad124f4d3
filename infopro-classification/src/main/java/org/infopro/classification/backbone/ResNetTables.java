package org.infopro.classification.backbone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.infopro.core.model.MemoryBalancedPlanner;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.objective.LambdaSchedule;

/**
 * The paper's split tables and λ values for the CIFAR ResNets, as data (INFOPRO.md §2.7, §3.1,
 * §3.2), for one dataset: CIFAR-10, SVHN and STL-10 have λ (and InfoPro* splits) of their own. A
 * split entry {@code [s, b]} ends a module after block b of stage s; stage 0 is the stem.
 *
 * @param splits table name → K → names of the blocks that end modules 1..K-1
 * @param lambdas table name → K → λ schedule
 */
public record ResNetTables(
        Map<String, Map<Integer, List<String>>> splits,
        Map<String, TreeMap<Integer, LambdaSchedule>> lambdas) {

    /** The datasets the paper publishes tables for; every other dataset takes CIFAR-10's. */
    public enum PaperDataset {
        /** CIFAR-10 (also used for CIFAR-100, MNIST and Fashion-MNIST). */
        CIFAR10,
        /** SVHN. */
        SVHN,
        /** STL-10. */
        STL10;

        /** The table family of a registry dataset name ({@code svhn-extra} is SVHN). */
        public static PaperDataset of(String dataset) {
            if (dataset == null) {
                return CIFAR10;
            }
            if (dataset.startsWith("svhn")) {
                return SVHN;
            }
            return dataset.equals("stl10") ? STL10 : CIFAR10;
        }
    }

    /** No published tables (e.g. the tiny test variant). */
    public static ResNetTables none() {
        return new ResNetTables(Map.of(), Map.of());
    }

    /**
     * The λ schedule for a split and K. The even split takes the equal-layer ({@code infopro})
     * table's values and the measured {@code balanced} plan the InfoPro* table's; a table the
     * dataset lacks falls back to {@code infopro}. Without a published K, the schedule of the
     * nearest K (the lower on a tie) that gives every local module a non-zero weight at this K: K=2
     * schedules end in (0, 0), which would leave the last local module of a K=3 network without any
     * loss.
     */
    public Optional<LambdaSchedule> lambdas(String split, int k) {
        TreeMap<Integer, LambdaSchedule> byK = lambdas.get(lambdaTable(split));
        if (byK == null) {
            byK = lambdas.get(SplitPlanner.PAPER);
        }
        if (byK == null || byK.isEmpty()) {
            return Optional.empty();
        }
        if (byK.containsKey(k)) {
            return Optional.of(byK.get(k));
        }
        List<Integer> byDistance = new ArrayList<>(byK.keySet());
        byDistance.sort(
                java.util.Comparator.<Integer>comparingInt(published -> Math.abs(published - k))
                        .thenComparingInt(published -> published));
        for (int published : byDistance) {
            if (byK.get(published).trainsEveryModule(k)) {
                return Optional.of(byK.get(published));
            }
        }
        return Optional.of(byK.get(byDistance.get(0)).coveringEveryModule());
    }

    private static String lambdaTable(String split) {
        if (SplitPlanner.EVEN.equals(split)) {
            return SplitPlanner.PAPER;
        }
        return MemoryBalancedPlanner.NAME.equals(split) ? SplitPlanner.MEMORY_BALANCED : split;
    }

    /**
     * ResNet-32: equal-layer splits for K = 2, 3, 4, 8, 16 and the released CIFAR-10 λ values (the
     * paper publishes ResNet-32 for CIFAR-10 only, so every dataset takes them).
     */
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
        TreeMap<Integer, LambdaSchedule> lambdas =
                new TreeMap<>(
                        Map.of(
                                2,
                                l(5, 1, 0, 0),
                                4,
                                l(6, 0, 1, 2),
                                8,
                                l(5, 0, 0, 2),
                                16,
                                l(5, 0.05f, 0.2f, 0.5f)));
        return new ResNetTables(
                Map.of(SplitPlanner.PAPER, paper), Map.of(SplitPlanner.PAPER, lambdas));
    }

    /** ResNet-110 with CIFAR-10's tables. */
    public static ResNetTables resnet110() {
        return resnet110(PaperDataset.CIFAR10);
    }

    /**
     * ResNet-110: equal-layer splits (K = 2, 3, 4, 8, 16) and, for CIFAR-10 and STL-10, InfoPro*
     * splits (K = 2, 3, 4), with the dataset's released λ. SVHN has no InfoPro* table: its InfoPro*
     * runs are planned from measured memory and take its equal-layer λ.
     */
    public static ResNetTables resnet110(PaperDataset dataset) {
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
        balanced.put(3, dataset == PaperDataset.STL10 ? ends(1, 8, 2, 1) : ends(1, 9, 2, 2));
        balanced.put(4, ends(1, 6, 1, 14, 2, 8));
        switch (dataset) {
            case SVHN:
                return new ResNetTables(
                        Map.of(SplitPlanner.PAPER, paper),
                        Map.of(
                                SplitPlanner.PAPER,
                                new TreeMap<>(
                                        Map.of(
                                                2,
                                                l(1, 0.1f, 0, 0),
                                                4,
                                                l(5, 0, 0.5f, 1),
                                                8,
                                                l(5, 0, 0.5f, 2),
                                                16,
                                                l(5, 0.2f, 0.5f, 1)))));
            case STL10:
                return new ResNetTables(
                        Map.of(SplitPlanner.PAPER, paper, SplitPlanner.MEMORY_BALANCED, balanced),
                        Map.of(
                                SplitPlanner.PAPER,
                                new TreeMap<>(
                                        Map.of(
                                                2,
                                                l(10, 1, 0, 0),
                                                4,
                                                l(20, 0.2f, 5, 2),
                                                8,
                                                l(20, 0.2f, 5, 1),
                                                16,
                                                l(20, 0.5f, 10, 0.1f))),
                                SplitPlanner.MEMORY_BALANCED,
                                new TreeMap<>(
                                        Map.of(
                                                2,
                                                l(20, 1, 0, 0),
                                                3,
                                                l(20, 0.5f, 5, 2),
                                                4,
                                                l(20, 0.5f, 10, 1)))));
            default:
                return new ResNetTables(
                        Map.of(SplitPlanner.PAPER, paper, SplitPlanner.MEMORY_BALANCED, balanced),
                        Map.of(
                                SplitPlanner.PAPER,
                                new TreeMap<>(
                                        Map.of(
                                                2,
                                                l(5, 0.5f, 0, 0),
                                                4,
                                                l(1, 0, 0, 1),
                                                8,
                                                l(5, 0, 0, 1),
                                                16,
                                                l(5, 0, 0.5f, 1))),
                                SplitPlanner.MEMORY_BALANCED,
                                new TreeMap<>(
                                        Map.of(
                                                2,
                                                l(5, 0.1f, 0, 0),
                                                3,
                                                l(5, 0, 5, 0.1f),
                                                4,
                                                l(5, 0, 5, 0.1f)))));
        }
    }

    private static LambdaSchedule l(
            float reconFirst, float taskFirst, float reconLast, float taskLast) {
        return new LambdaSchedule(reconFirst, taskFirst, reconLast, taskLast);
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
