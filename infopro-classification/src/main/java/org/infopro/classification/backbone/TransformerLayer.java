package org.infopro.classification.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.infopro.core.nn.Scalars;

/**
 * A pre-norm Transformer encoder layer as in ViT/DeiT: {@code x + Attn(LN(x))}, then {@code x +
 * MLP(LN(x))} with a GELU MLP of 4× width; multi-head self-attention with one fused qkv projection.
 * LayerNorm ε 1e-6; linear weights N(0, 0.02²) and zero biases, as timm initialises.
 *
 * <p>Tokens travel between blocks as (N, T, 1, D) so that they fit the library's (N, C, H, W)
 * feature shapes ({@code T×1×D}); (N, T, D) input is accepted too, and the output keeps the input's
 * rank.
 */
public final class TransformerLayer extends AbstractBlock {

    private final int dim;
    private final int heads;
    private final LayerNorm norm1;
    private final Linear qkv;
    private final Linear proj;
    private final LayerNorm norm2;
    private final Linear fc1;
    private final Linear fc2;

    /** A pre-norm Transformer layer of width {@code dim} with {@code heads} attention heads. */
    public TransformerLayer(int dim, int heads) {
        if (dim % heads != 0) {
            throw new IllegalArgumentException(
                    dim + " channels do not split into " + heads + " heads");
        }
        this.dim = dim;
        this.heads = heads;
        norm1 = addChildBlock("norm1", layerNorm());
        qkv = addChildBlock("qkv", linear(3 * dim));
        proj = addChildBlock("proj", linear(dim));
        norm2 = addChildBlock("norm2", layerNorm());
        fc1 = addChildBlock("fc1", linear(4 * dim));
        fc2 = addChildBlock("fc2", linear(dim));
    }

    /** (N, T, 1, D) or (N, T, D) tokens as (N, T, D). */
    public static NDArray tokens(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(s.dimension() - 1));
    }

    /** LayerNorm over the last axis of (N, T, D) tokens, ε 1e-6. */
    public static LayerNorm layerNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(1e-6f).build();
    }

    /** A linear layer initialised as timm's ViT: weights N(0, 0.02²), zero bias. */
    public static Linear linear(int units) {
        Linear linear = Linear.builder().setUnits(units).build();
        linear.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        linear.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
        return linear;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray in = inputs.head();
        Shape inShape = in.getShape();
        long n = inShape.get(0);
        long t = inShape.get(1);
        NDArray x = tokens(in);
        NDArray h = norm1.forward(ps, new NDList(x), training).head();
        NDArray y = x.add(attention(ps, h, n, t, training));
        NDArray m = norm2.forward(ps, new NDList(y), training).head();
        m = fc1.forward(ps, new NDList(m), training).head();
        m = fc2.forward(ps, new NDList(Activation.gelu(m)), training).head();
        return new NDList(y.add(m).reshape(inShape));
    }

    private NDArray attention(ParameterStore ps, NDArray h, long n, long t, boolean training) {
        long headDim = dim / heads;
        NDArray qkvOut =
                qkv.forward(ps, new NDList(h), training)
                        .head()
                        .reshape(n, t, 3, heads, headDim)
                        .transpose(2, 0, 3, 1, 4);
        NDArray q = Scalars.mul(qkvOut.get(0), (float) (1 / Math.sqrt(headDim)));
        NDArray k = qkvOut.get(1);
        NDArray v = qkvOut.get(2);
        NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1);
        NDArray out = weights.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, dim);
        return proj.forward(ps, new NDList(out), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(
            ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), dim);
        norm1.initialize(manager, dataType, tokens);
        qkv.initialize(manager, dataType, tokens);
        proj.initialize(manager, dataType, tokens);
        norm2.initialize(manager, dataType, tokens);
        fc1.initialize(manager, dataType, tokens);
        fc2.initialize(manager, dataType, tokens.slice(0, 2).add(4L * dim));
    }
}
