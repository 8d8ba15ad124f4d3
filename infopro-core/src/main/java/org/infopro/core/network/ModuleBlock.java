package org.infopro.core.network;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Set;

/**
 * One local module: consecutive backbone blocks. Its output list holds the last block's output
 * first, then the outputs of its tapped blocks (those the task head also reads, such as layer3 for
 * DeepLab's auxiliary FCN head) in block order.
 */
public final class ModuleBlock extends AbstractBlock {

    private final List<Block> blocks;
    private final Set<Integer> tapped;

    /**
     * @param blocks the module's blocks in order
     * @param tapped positions (within {@code blocks}) whose outputs are returned too
     */
    public ModuleBlock(List<Block> blocks, Set<Integer> tapped) {
        this.blocks = List.copyOf(blocks);
        this.tapped = Set.copyOf(tapped);
        for (int i = 0; i < this.blocks.size(); i++) {
            addChildBlock("block" + i, this.blocks.get(i));
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList current = inputs;
        NDList taps = new NDList();
        for (int i = 0; i < blocks.size(); i++) {
            current = blocks.get(i).forward(parameterStore, current, training, params);
            if (tapped.contains(i)) {
                taps.add(current.head());
            }
        }
        NDList out = new NDList(current.head());
        out.addAll(taps);
        return out;
    }

    /** The backbone blocks of this module, in forward order. */
    public List<Block> blocks() {
        return java.util.Collections.unmodifiableList(blocks);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] current = inputShapes;
        for (Block block : blocks) {
            current = block.getOutputShapes(current);
        }
        return current;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] current = inputShapes;
        for (Block block : blocks) {
            block.initialize(manager, dataType, current);
            current = block.getOutputShapes(current);
        }
    }
}
