package org.infopro.core.model;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxNetFactory;

/**
 * A network body as an ordered list of blocks that may be cut between any two of them.
 *
 * <p>Every block is a possible module end: {@link #cutPoints()} gives the name of each block and
 * the feature shape right after it, which is all a split planner and an auxiliary-net factory need.
 * Published split tables and λ values travel with the backbone as data, never as code.
 */
public interface Backbone {

    /** A backbone from plain DJL blocks, named cut point by cut point ({@link BackboneBuilder}). */
    static BackboneBuilder builder(String name, FeatureShape input) {
        return new BackboneBuilder(name, input);
    }

    /** The registry name, e.g. {@code resnet32}. */
    String name();

    /** The per-sample input shape this backbone was built for. */
    FeatureShape inputShape();

    /** The blocks in forward order; block {@code i} consumes the output of block {@code i-1}. */
    List<Block> blocks();

    /** One cut point per block: its name and the feature shape after it. */
    List<CutPoint> cutPoints();

    /**
     * Published splits, keyed by a table name ({@code infopro}, {@code infopro*}) then by K. Each
     * split lists the names of the blocks that end modules 1..K-1.
     */
    default Map<String, Map<Integer, List<String>>> splitTables() {
        return Map.of();
    }

    /** Published λ schedule for a split table and K, if the paper gives one. */
    default Optional<org.infopro.core.objective.LambdaSchedule> lambdas(String table, int k) {
        return Optional.empty();
    }

    /**
     * Names of blocks whose outputs the task head reads besides the last block's (e.g. layer3 for
     * an auxiliary FCN head, or C2–C4 for an FPN), in the order the head expects them.
     */
    default List<String> taps() {
        return List.of();
    }

    /**
     * Auxiliary nets made for this architecture (a Transformer's token features, an EfficientNet's
     * mobile blocks), used instead of the task's own; empty to use the task's.
     */
    default Optional<AuxNetFactory> auxNets() {
        return Optional.empty();
    }

    /**
     * The names PyTorch's reference implementation gives these blocks' weights (torchvision's for
     * its ResNets, mmsegmentation's for ResNetV1c), each under {@code prefix} (e.g. {@code
     * backbone.} in an mmsegmentation checkpoint); empty when none is known, and then {@code
     * --pretrained} is refused.
     */
    default List<org.infopro.core.weights.WeightGroup> weightGroups(String prefix) {
        return List.of();
    }

    /**
     * The name PyTorch's reference implementation gives the linear classifier that follows this
     * backbone ({@code fc} in torchvision's ResNets, {@code classifier} in its DenseNets, {@code
     * classifier.1} in its EfficientNets, {@code head} in timm's ViTs); empty when none is known.
     */
    default java.util.Optional<String> classifierName() {
        return java.util.Optional.empty();
    }

    /** The feature shape of the last block's output. */
    default FeatureShape outputShape() {
        List<CutPoint> cuts = cutPoints();
        return cuts.get(cuts.size() - 1).shape();
    }

    /** Index of the block with this name, or an error listing the known names. */
    default int indexOf(String blockName) {
        List<CutPoint> cuts = cutPoints();
        for (int i = 0; i < cuts.size(); i++) {
            if (cuts.get(i).name().equals(blockName)) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                "Backbone "
                        + name()
                        + " has no block '"
                        + blockName
                        + "'; blocks are "
                        + cuts.stream().map(CutPoint::name).toList());
    }
}
