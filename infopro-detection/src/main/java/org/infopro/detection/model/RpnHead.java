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
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.List;
import org.infopro.core.nn.Layers;

/**
 * The RPN head, shared by every pyramid level: 3×3 conv + ReLU, then a 1×1 conv to one objectness
 * logit per anchor and one to four box deltas per anchor; weights from N(0, 0.01²) as mmdetection
 * initialises them.
 *
 * <p>Input: one level (N, C, h, w). Output: objectness (N, h·w·A) and deltas (N, h·w·A, 4), ordered
 * by location then anchor like {@link org.infopro.detection.ops.Anchors#grid}.
 */
public final class RpnHead extends AbstractBlock {

    private final Block conv;
    private final Block objectness;
    private final Block deltas;
    private final int anchors;

    public RpnHead(int channels, int anchors) {
        this.anchors = anchors;
        conv = addChildBlock("conv", normal(Layers.conv(channels, 3, 1, true)));
        objectness = addChildBlock("cls", normal(Layers.conv(anchors, 1, 1, true)));
        deltas = addChildBlock("reg", normal(Layers.conv(4 * anchors, 1, 1, true)));
    }

    /** The shared 3×3 convolution, the objectness and the box-delta convolutions. */
    List<Block> convs() {
        return List.of(conv, objectness, deltas);
    }

    private static Block normal(Block conv) {
        conv.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
        return conv;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = Activation.relu(conv.forward(ps, inputs, training).head());
        NDArray cls = objectness.forward(ps, new NDList(x), training).head();
        NDArray reg = deltas.forward(ps, new NDList(x), training).head();
        long n = x.getShape().get(0);
        return new NDList(
                cls.transpose(0, 2, 3, 1).reshape(n, -1),
                reg.transpose(0, 2, 3, 1).reshape(n, -1, 4));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long locations = s.get(2) * s.get(3) * anchors;
        return new Shape[] {new Shape(s.get(0), locations), new Shape(s.get(0), locations, 4)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes[0]);
        Shape hidden = conv.getOutputShapes(inputShapes)[0];
        objectness.initialize(manager, dataType, hidden);
        deltas.initialize(manager, dataType, hidden);
    }
}
