package org.infopro.core.model;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bookkeeping for a backbone built block by block: subclasses call {@link #add} with each block,
 * its name and the feature shape after it.
 */
public abstract class SequentialBackbone implements Backbone {

    private final String name;
    private final FeatureShape input;
    private final List<Block> blocks = new ArrayList<>();
    private final List<CutPoint> cuts = new ArrayList<>();

    protected SequentialBackbone(String name, FeatureShape input) {
        this.name = name;
        this.input = input;
    }

    /** Appends a block whose output has the given per-sample shape. */
    protected final void add(String blockName, Block block, FeatureShape shape) {
        blocks.add(block);
        cuts.add(new CutPoint(blockName, shape));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final FeatureShape inputShape() {
        return input;
    }

    @Override
    public final List<Block> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    @Override
    public final List<CutPoint> cutPoints() {
        return Collections.unmodifiableList(cuts);
    }
}
