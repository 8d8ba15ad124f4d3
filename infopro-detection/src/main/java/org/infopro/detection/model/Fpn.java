package org.infopro.detection.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.nn.Layers;

/**
 * The feature pyramid (mmdetection's {@code FPN}, {@code num_outs=5}): a 1×1 lateral conv on each
 * of C2–C5, a top-down path adding each level's nearest-neighbour ×2 upsampling to the level below,
 * a 3×3 conv on every sum, and P6 as a stride-2 subsampling of P5 (max-pool of size 1).
 *
 * <p>Input: (C2, C3, C4, C5). Output: (P2, …, P6), all {@code channels} wide, strides 4 to 64.
 */
public final class Fpn extends AbstractBlock {

    /** Image pixels per feature pixel of P2 … P6. */
    public static final int[] STRIDES = {4, 8, 16, 32, 64};

    private final List<Block> laterals = new ArrayList<>();
    private final List<Block> outputs = new ArrayList<>();
    private final int channels;

    /**
     * @param inputs number of backbone levels (4)
     * @param channels output width of every level
     */
    public Fpn(int inputs, int channels) {
        this.channels = channels;
        for (int i = 0; i < inputs; i++) {
            laterals.add(addChildBlock("lateral" + (i + 2), Layers.conv(channels, 1, 1, true)));
            outputs.add(addChildBlock("output" + (i + 2), Layers.conv(channels, 3, 1, true)));
        }
    }

    /** The 1×1 lateral convolution on level C{@code i + 2}. */
    Block lateral(int i) {
        return laterals.get(i);
    }

    /** The 3×3 output convolution of level P{@code i + 2}. */
    Block output(int i) {
        return outputs.get(i);
    }

    /** Backbone levels it takes. */
    int levels() {
        return laterals.size();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        int n = laterals.size();
        NDArray[] merged = new NDArray[n];
        for (int i = n - 1; i >= 0; i--) {
            NDArray lateral =
                    laterals.get(i).forward(ps, new NDList(inputs.get(i)), training).head();
            merged[i] = i == n - 1 ? lateral : lateral.add(upsample(merged[i + 1], lateral));
        }
        NDList pyramid = new NDList();
        for (int i = 0; i < n; i++) {
            pyramid.add(outputs.get(i).forward(ps, new NDList(merged[i]), training).head());
        }
        NDArray top = pyramid.get(n - 1);
        pyramid.add(Pool.maxPool2d(top, new Shape(1, 1), new Shape(2, 2), new Shape(0, 0), false));
        return pyramid;
    }

    /** Nearest-neighbour ×2, cropped to the finer level's size. */
    private static NDArray upsample(NDArray coarse, NDArray fine) {
        long h = fine.getShape().get(2);
        long w = fine.getShape().get(3);
        NDArray up = coarse.repeat(2, 2).repeat(3, 2);
        if (up.getShape().get(2) != h || up.getShape().get(3) != w) {
            up = up.get(":, :, :" + h + ", :" + w);
        }
        return up;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[inputShapes.length + 1];
        for (int i = 0; i < inputShapes.length; i++) {
            Shape s = inputShapes[i];
            out[i] = new Shape(s.get(0), channels, s.get(2), s.get(3));
        }
        Shape top = out[inputShapes.length - 1];
        out[inputShapes.length] =
                new Shape(top.get(0), channels, (top.get(2) + 1) / 2, (top.get(3) + 1) / 2);
        return out;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (int i = 0; i < laterals.size(); i++) {
            laterals.get(i).initialize(manager, dataType, inputShapes[i]);
            Shape s = inputShapes[i];
            outputs.get(i)
                    .initialize(
                            manager, dataType, new Shape(s.get(0), channels, s.get(2), s.get(3)));
        }
    }
}
