package org.infopro.core.model;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Chooses where to cut a backbone: from a published table or evenly by layers. */
public final class SplitPlanner {

    /** Table name of the paper's equal-layer splits. */
    public static final String PAPER = "infopro";

    /** Table name of the paper's memory-balanced splits (InfoPro*). */
    public static final String MEMORY_BALANCED = "infopro*";

    /** Name of the even-by-layers planner. */
    public static final String EVEN = "even";

    private SplitPlanner() {}

    /**
     * Plans K modules. {@code strategy} is {@value #EVEN}, or the name of one of the backbone's
     * split tables; a table without an entry for K is an error naming the Ks it has. Strategies
     * that need a measured profile are refused (see {@link #plan(Backbone, int, String,
     * Supplier)}).
     */
    public static SplitPlan plan(Backbone backbone, int k, String strategy) {
        return plan(
                backbone,
                k,
                strategy,
                () -> {
                    throw new IllegalArgumentException(
                            "Split '" + strategy + "' of " + backbone.name() + " needs a profile");
                });
    }

    /**
     * Plans K modules. Besides {@value #EVEN} and the backbone's tables, {@value
     * MemoryBalancedPlanner#NAME} always balances the measured profile, and {@value
     * #MEMORY_BALANCED} uses the backbone's published InfoPro* table where it has this K and the
     * measured balance otherwise.
     *
     * @param profile measures the backbone's activations; called only when a plan needs it
     */
    public static SplitPlan plan(
            Backbone backbone, int k, String strategy, Supplier<ActivationProfile> profile) {
        int blocks = backbone.blocks().size();
        if (k == 1) {
            return SplitPlan.endToEnd(blocks);
        }
        if (EVEN.equals(strategy)) {
            return even(blocks, k);
        }
        if (PAPER.equals(strategy) && backbone.splitTables().isEmpty()) {
            // A backbone without published tables (a user's own): the paper's rule, equal layers.
            SplitPlan even = even(blocks, k);
            int[] ends = new int[k];
            for (int m = 0; m < k; m++) {
                ends[m] = even.end(m);
            }
            return SplitPlan.ofEnds(blocks, EVEN + " (no published table)", ends);
        }
        boolean published = backbone.splitTables().getOrDefault(strategy, Map.of()).containsKey(k);
        if (MemoryBalancedPlanner.NAME.equals(strategy)
                || MEMORY_BALANCED.equals(strategy) && !published) {
            return MemoryBalancedPlanner.plan(profile.get(), k);
        }
        Map<Integer, List<String>> table = backbone.splitTables().get(strategy);
        if (table == null) {
            throw new IllegalArgumentException(
                    "Backbone "
                            + backbone.name()
                            + " has no split table '"
                            + strategy
                            + "'; known: "
                            + backbone.splitTables().keySet()
                            + ", "
                            + MEMORY_BALANCED
                            + ", "
                            + MemoryBalancedPlanner.NAME
                            + " and "
                            + EVEN);
        }
        List<String> endBlocks = table.get(k);
        if (endBlocks == null) {
            throw new IllegalArgumentException(
                    "Split table '"
                            + strategy
                            + "' of "
                            + backbone.name()
                            + " has no K="
                            + k
                            + "; it has K in "
                            + table.keySet()
                            + " (use --split even for any K)");
        }
        return explicit(backbone, strategy, endBlocks);
    }

    /** A plan whose modules 1..K-1 end after the named blocks. */
    public static SplitPlan explicit(
            Backbone backbone, String description, List<String> endBlocks) {
        int[] ends = new int[endBlocks.size() + 1];
        for (int i = 0; i < endBlocks.size(); i++) {
            ends[i] = backbone.indexOf(endBlocks.get(i)) + 1;
        }
        ends[endBlocks.size()] = backbone.blocks().size();
        return SplitPlan.ofEnds(backbone.blocks().size(), description, ends);
    }

    /**
     * K modules of equal block count; when blocks do not divide evenly the earlier modules get one
     * more (16 blocks, K=3 gives 6, 5, 5 as the paper's ResNet-32 table).
     */
    public static SplitPlan even(int blockCount, int k) {
        if (k < 1 || k > blockCount) {
            throw new IllegalArgumentException(
                    "K must be between 1 and the block count " + blockCount + ", got " + k);
        }
        int[] ends = new int[k];
        int base = blockCount / k;
        int extra = blockCount % k;
        int end = 0;
        for (int m = 0; m < k; m++) {
            end += base + (m < extra ? 1 : 0);
            ends[m] = end;
        }
        return SplitPlan.ofEnds(blockCount, EVEN, ends);
    }
}
