package org.infopro.detection.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.List;
import org.infopro.core.nn.Layers;

/**
 * mmdetection's {@code Shared2FCBBoxHead}: the pooled RoI features flattened, two fully connected
 * layers with ReLU, then class scores (classes + 1, background last; weights N(0, 0.01²)) and
 * class-specific box deltas (4 per class; weights N(0, 0.001²)).
 *
 * <p>Input: (R, C, 7, 7). Output: scores (R, classes + 1), deltas (R, 4·classes).
 */
public final class BoxHead extends AbstractBlock {

    private final Block fc1;
    private final Block fc2;
    private final Block scores;
    private final Block deltas;
    private final int inputs;
    private final int width;

    /**
     * @param inputs flattened RoI feature size C·7·7
     * @param width hidden width (1024)
     * @param classes object classes
     */
    public BoxHead(int inputs, int width, int classes) {
        this.inputs = inputs;
        this.width = width;
        fc1 = addChildBlock("fc1", Layers.linear(inputs, width));
        fc2 = addChildBlock("fc2", Layers.linear(width, width));
        scores = addChildBlock("cls", normal(classes + 1, 0.01f));
        deltas = addChildBlock("reg", normal(4 * classes, 0.001f));
    }

    /** The two hidden layers, the class scores and the box deltas. */
    List<Block> layers() {
        return List.of(fc1, fc2, scores, deltas);
    }

    private static Block normal(int units, float sigma) {
        Linear linear = Linear.builder().setUnits(units).build();
        linear.setInitializer(new NormalInitializer(sigma), Parameter.Type.WEIGHT);
        return linear;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        x = x.reshape(x.getShape().get(0), this.inputs); // explicit: there may be no RoI
        x = Activation.relu(fc1.forward(ps, new NDList(x), training).head());
        x = Activation.relu(fc2.forward(ps, new NDList(x), training).head());
        return new NDList(
                scores.forward(ps, new NDList(x), training).head(),
                deltas.forward(ps, new NDList(x), training).head());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long r = inputShapes[0].get(0);
        Shape hidden = new Shape(r, width);
        return new Shape[] {
            scores.getOutputShapes(new Shape[] {hidden})[0],
            deltas.getOutputShapes(new Shape[] {hidden})[0]
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        fc1.initialize(manager, dataType, new Shape(1, inputs));
        Shape hidden = new Shape(1, width);
        fc2.initialize(manager, dataType, hidden);
        scores.initialize(manager, dataType, hidden);
        deltas.initialize(manager, dataType, hidden);
    }
}
