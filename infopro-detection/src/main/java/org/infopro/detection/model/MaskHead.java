package org.infopro.detection.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.nn.Layers;

/**
 * mmdetection's {@code FCNMaskHead}: four 3×3 convs with ReLU, a 2×2 stride-2 transposed conv with
 * ReLU, and a 1×1 conv to one mask logit map per class.
 *
 * <p>Input: (R, C, 14, 14). Output: (R, classes, 28, 28).
 */
public final class MaskHead extends AbstractBlock {

    private final SequentialBlock body = new SequentialBlock();

    /** The mask head with {@code width} channels and one mask per class. */
    public MaskHead(int width, int classes) {
        for (int i = 0; i < 4; i++) {
            body.add(Layers.conv(width, 3, 1, true)).add(Activation.reluBlock());
        }
        body.add(new Deconv2x2(width)).add(Activation.reluBlock());
        body.add(Layers.pixelClassifier(classes));
        addChildBlock("convs", body);
    }

    /** The four convolutions, the transposed convolution and the mask logits, in order. */
    List<Block> layers() {
        List<Block> layers = new ArrayList<>();
        for (var child : body.getChildren()) {
            if (!child.getValue().getParameters().isEmpty()) {
                layers.add(child.getValue());
            }
        }
        return layers;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return body.forward(ps, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return body.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }
}
