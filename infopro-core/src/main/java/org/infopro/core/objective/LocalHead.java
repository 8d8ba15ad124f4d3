package org.infopro.core.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.infopro.core.data.TrainingBatch;

/**
 * The auxiliary nets of one local module and the loss they compute on its output.
 *
 * <p>Every child block takes the module's features as input; {@link #loss} combines their outputs.
 * Heads exist only for training: evaluation never runs them.
 */
public abstract class LocalHead extends AbstractBlock {

    /** Adds an auxiliary net that reads the module's features. */
    protected final <B extends Block> B addAuxNet(String name, B block) {
        return addChildBlock(name, block);
    }

    /**
     * The local loss of a module.
     *
     * @param parameters the parameter store of the training step
     * @param features the module's output h (in the module's scope)
     * @param batch the current batch
     */
    public abstract LossTerms loss(
            ParameterStore parameters, NDArray features, TrainingBatch batch);

    /** Runs one auxiliary net in training mode. */
    protected static NDArray run(ParameterStore parameters, Block net, NDArray features) {
        return net.forward(parameters, new NDList(features), true).head();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        throw new UnsupportedOperationException(
                "A local head is used through loss(), not forward()");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }
}
