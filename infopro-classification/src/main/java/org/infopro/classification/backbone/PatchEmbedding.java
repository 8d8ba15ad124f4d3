package org.infopro.classification.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * ViT's input stage: a p×p stride-p convolution cuts the image into patches of D channels, a
 * learned class token is put in front, and learned position embeddings are added; the result is (N,
 * 1 + g², 1, D) tokens for a g×g patch grid.
 */
public final class PatchEmbedding extends AbstractBlock {

    private final int dim;
    private final int tokens;
    private final Conv2d patches;
    private final Parameter classToken;
    private final Parameter positions;

    /**
     * @param dim token width D
     * @param patch patch side p
     * @param grid patches per image side g
     */
    public PatchEmbedding(int dim, int patch, int grid) {
        this.dim = dim;
        this.tokens = 1 + grid * grid;
        patches =
                addChildBlock(
                        "patches",
                        Conv2d.builder()
                                .setFilters(dim)
                                .setKernelShape(new Shape(patch, patch))
                                .optStride(new Shape(patch, patch))
                                .build());
        classToken = addParameter(embedding("cls_token", new Shape(1, 1, dim)));
        positions = addParameter(embedding("pos_embed", new Shape(1, tokens, dim)));
    }

    private static Parameter embedding(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(new NormalInitializer(0.02f))
                .build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray image = inputs.head();
        long n = image.getShape().get(0);
        NDArray grid = patches.forward(ps, inputs, training).head();
        NDArray patchTokens = grid.reshape(n, dim, tokens - 1).transpose(0, 2, 1);
        NDArray cls = ps.getValue(classToken, image.getDevice(), training).broadcast(n, 1, dim);
        NDArray all = NDArrays.concat(new NDList(cls, patchTokens), 1);
        NDArray pos = ps.getValue(positions, image.getDevice(), training);
        return new NDList(all.add(pos).reshape(n, tokens, 1, dim));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), tokens, 1, dim)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        patches.initialize(manager, dataType, inputShapes);
    }
}
