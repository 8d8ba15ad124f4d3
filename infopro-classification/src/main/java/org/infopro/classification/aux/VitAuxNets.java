package org.infopro.classification.aux;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.infopro.classification.backbone.TransformerLayer;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.AuxNetFactory;

/**
 * Auxiliary nets for Vision Transformers (INFOPRO.md §4.5), on {@code T×1×D} token features.
 *
 * <p>w is an MLP on every patch token: linear(D→D)-GELU-linear(D→3·p²) gives the token's patch, and
 * the patches are laid back on the image grid (reconstruction logits; the class token is not used).
 *
 * <p>ψ/φ puts the patch tokens back on their g×g grid, applies a 3×3 stride-2 convolution (D→D),
 * runs three Transformer layers on the resulting tokens, and classifies their LayerNormed mean.
 * Greedy SL's {@code 0c…} head is a linear layer on the mean token.
 */
public final class VitAuxNets implements AuxNetFactory {

    /** Transformer layers in ψ, as the paper states. */
    public static final int HEAD_LAYERS = 3;

    @Override
    public Block decoder(FeatureShape features, FeatureShape image) {
        return new PatchDecoder(features, image);
    }

    @Override
    public Block classifier(
            FeatureShape features, FeatureShape image, AuxConfig config, int outputs) {
        return new TokenHead(features, config.convs() > 0, outputs);
    }

    /** Side g of the patch grid of {@code T×1×D} tokens (T = 1 + g²). */
    static int grid(FeatureShape tokens) {
        int g = (int) Math.round(Math.sqrt(tokens.channels() - 1));
        if (g * g != tokens.channels() - 1 || tokens.height() != 1) {
            throw new IllegalArgumentException(
                    "Expected class + g×g patch tokens (T×1×D), got " + tokens);
        }
        return g;
    }

    /** The patch tokens of (N, T, 1, D) features laid out as an (N, D, g, g) map. */
    static NDArray patchGrid(NDArray tokens, int grid) {
        Shape s = tokens.getShape();
        long n = s.get(0);
        long d = s.get(3);
        return TransformerLayer.tokens(tokens)
                .get(":, 1:, :")
                .transpose(0, 2, 1)
                .reshape(n, d, grid, grid);
    }

    /** w: per-token MLP to pixel patches, folded back into an image. */
    private static final class PatchDecoder extends AbstractBlock {

        private final int dim;
        private final int grid;
        private final int patch;
        private final int channels;
        private final Linear hidden;
        private final Linear pixels;

        PatchDecoder(FeatureShape features, FeatureShape image) {
            dim = features.width();
            grid = grid(features);
            patch = image.height() / grid;
            channels = image.channels();
            hidden = addChildBlock("hidden", TransformerLayer.linear(dim));
            pixels = addChildBlock("pixels", TransformerLayer.linear(channels * patch * patch));
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.head();
            long n = x.getShape().get(0);
            NDArray patches = TransformerLayer.tokens(x).get(":, 1:, :");
            NDArray h = Activation.gelu(hidden.forward(ps, new NDList(patches), training).head());
            NDArray out = pixels.forward(ps, new NDList(h), training).head();
            // (N, g·g, C·p·p) → (N, C, g·p, g·p)
            return new NDList(
                    out.reshape(n, grid, grid, channels, patch, patch)
                            .transpose(0, 3, 1, 4, 2, 5)
                            .reshape(n, channels, grid * patch, grid * patch));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            long side = (long) grid * patch;
            return new Shape[] {new Shape(inputShapes[0].get(0), channels, side, side)};
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape tokens = new Shape(inputShapes[0].get(0), (long) grid * grid, dim);
            hidden.initialize(manager, dataType, tokens);
            pixels.initialize(manager, dataType, tokens);
        }
    }

    /** ψ/φ: stride-2 conv on the token grid, Transformer layers, mean token, linear. */
    private static final class TokenHead extends AbstractBlock {

        private final int dim;
        private final int grid;
        private final Conv2d downsample;
        private final List<TransformerLayer> layers = new ArrayList<>();
        private final LayerNorm norm;
        private final Linear classifier;

        TokenHead(FeatureShape features, boolean deep, int outputs) {
            dim = features.width();
            grid = grid(features);
            if (deep) {
                downsample = addChildBlock("downsample", Layers.conv(dim, 3, 2, true));
                for (int i = 0; i < HEAD_LAYERS; i++) {
                    layers.add(
                            addChildBlock(
                                    "layer" + i, new TransformerLayer(dim, Math.max(1, dim / 64))));
                }
                norm = addChildBlock("norm", TransformerLayer.layerNorm());
            } else {
                downsample = null;
                norm = null;
            }
            classifier = addChildBlock("classifier", TransformerLayer.linear(outputs));
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.head();
            long n = x.getShape().get(0);
            NDArray tokens;
            if (downsample == null) {
                tokens = TransformerLayer.tokens(x);
            } else {
                NDArray map =
                        downsample.forward(ps, new NDList(patchGrid(x, grid)), training).head();
                tokens = map.reshape(n, dim, -1).transpose(0, 2, 1);
                for (TransformerLayer layer : layers) {
                    tokens = layer.forward(ps, new NDList(tokens), training).head();
                }
                tokens = norm.forward(ps, new NDList(tokens), training).head();
            }
            return classifier.forward(ps, new NDList(tokens.mean(new int[] {1})), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return classifier.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), dim)});
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            long n = inputShapes[0].get(0);
            if (downsample != null) {
                downsample.initialize(manager, dataType, new Shape(n, dim, grid, grid));
                long side = (grid + 1) / 2;
                Shape tokens = new Shape(n, side * side, dim);
                for (TransformerLayer layer : layers) {
                    layer.initialize(manager, dataType, tokens);
                }
                norm.initialize(manager, dataType, tokens);
            }
            classifier.initialize(manager, dataType, new Shape(n, dim));
        }
    }
}
