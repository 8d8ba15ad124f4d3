package org.infopro.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Channel dropout ({@code nn.Dropout2d}): in training, each (sample, channel) map is zeroed with
 * probability p and the others scaled by 1/(1-p); identity at inference.
 */
public final class Dropout2d extends AbstractBlock {

    private final float probability;

    public Dropout2d(float probability) {
        if (probability < 0 || probability >= 1) {
            throw new IllegalArgumentException(
                    "Dropout probability must be in [0, 1), got " + probability);
        }
        this.probability = probability;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        if (!training || probability == 0) {
            return new NDList(x);
        }
        Shape s = x.getShape();
        NDArray keep =
                x.getManager()
                        .randomUniform(0f, 1f, new Shape(s.get(0), s.get(1), 1, 1))
                        .gte(probability)
                        .toType(DataType.FLOAT32, false);
        return new NDList(x.mul(Scalars.mul(keep, 1 / (1 - probability))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
