package org.infopro.classification.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.infopro.classification.aux.VitAuxNets;
import org.infopro.core.model.SequentialBackbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.weights.WeightGroup;

/**
 * A Vision Transformer in DeiT's sizes: patch embedding with a class token and position embeddings,
 * {@code depth} pre-norm Transformer layers, and a final LayerNorm whose class token feeds the
 * linear classifier (DeiT-Ti: D 192, 3 heads, 5.7 M parameters; DeiT-S: D 384, 6 heads, 22 M; both
 * 12 layers, 16×16 patches). The distillation token and DeiT's training recipe (strong
 * augmentation, stochastic depth) are not part of it.
 *
 * <p>Blocks: {@code embed}, {@code layer0} …, {@code norm}. Tokens between blocks have the feature
 * shape {@code T×1×D} (T = 1 + g² tokens); {@code norm} leaves the class token as D×1×1, so the
 * classification head's pooling is the identity on it.
 */
public final class VisionTransformer extends SequentialBackbone {

    private static final AuxNetFactory AUX_NETS = new VitAuxNets();

    /**
     * @param dim token width D
     * @param depth number of Transformer layers
     * @param heads attention heads
     * @param patch patch side; the input's sides must be multiples of it
     */
    public VisionTransformer(
            String name, FeatureShape input, int dim, int depth, int heads, int patch) {
        super(name, input);
        if (input.height() != input.width() || input.height() % patch != 0) {
            throw new IllegalArgumentException(
                    name
                            + " needs square inputs whose side is a multiple of the patch size "
                            + patch
                            + ", got "
                            + input);
        }
        int grid = input.height() / patch;
        FeatureShape tokens = new FeatureShape(1 + grid * grid, 1, dim);
        add("embed", new PatchEmbedding(dim, patch, grid), tokens);
        for (int i = 0; i < depth; i++) {
            add("layer" + i, new TransformerLayer(dim, heads), tokens);
        }
        add("norm", new ClassTokenNorm(dim), new FeatureShape(dim, 1, 1));
    }

    /**
     * timm's names ({@code deit_small_patch16_224}): {@code cls_token}, {@code pos_embed}, {@code
     * patch_embed.proj}, {@code blocks.I.norm1}, {@code .attn.qkv}, {@code .attn.proj}, {@code
     * .norm2}, {@code .mlp.fc1}, {@code .mlp.fc2}, then {@code norm}; the classifier is {@code
     * head}.
     */
    @Override
    public List<WeightGroup> weightGroups(String prefix) {
        List<WeightGroup> groups = new ArrayList<>();
        for (int i = 0; i < blocks().size(); i++) {
            String block = cutPoints().get(i).name();
            List<String> names = new ArrayList<>();
            for (var parameter : blocks().get(i).getParameters()) {
                names.add(prefix + timmName(block, parameter.getKey()));
            }
            List<String> modules =
                    names.stream()
                            .map(n -> n.contains(".") ? n.substring(0, n.lastIndexOf('.') + 1) : n)
                            .distinct()
                            .toList();
            groups.add(new WeightGroup(block, blocks().get(i), modules, names));
        }
        return groups;
    }

    /** The reference's classifier, {@code head}. */
    @Override
    public java.util.Optional<String> classifierName() {
        return java.util.Optional.of("head");
    }

    /** timm's name of one of our parameters, e.g. {@code 02qkv_weight} in {@code layer3}. */
    private static String timmName(String block, String parameter) {
        String key = parameter.replaceAll("(^|_)\\d\\d", "$1"); // DJL numbers the children
        String torch = key.replace("_gamma", ".weight").replace("_beta", ".bias").replace('_', '.');
        if (key.equals("cls_token") || key.equals("pos_embed")) {
            return key;
        }
        if (block.equals("embed")) {
            return torch.startsWith("patches.") ? "patch_embed.proj." + torch.substring(8) : torch;
        }
        if (block.equals("norm")) {
            return torch;
        }
        String layer = "blocks." + block.substring("layer".length()) + ".";
        if (torch.startsWith("qkv.") || torch.startsWith("proj.")) {
            return layer + "attn." + torch;
        }
        return layer + (torch.startsWith("fc") ? "mlp." + torch : torch);
    }

    @Override
    public Optional<AuxNetFactory> auxNets() {
        return Optional.of(AUX_NETS);
    }

    /** The final LayerNorm, keeping only the class token as a D×1×1 map. */
    private static final class ClassTokenNorm extends AbstractBlock {

        private final int dim;
        private final LayerNorm norm;

        ClassTokenNorm(int dim) {
            this.dim = dim;
            norm = addChildBlock("norm", TransformerLayer.layerNorm());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.head();
            long n = x.getShape().get(0);
            NDArray tokens = TransformerLayer.tokens(x);
            NDArray normed = norm.forward(ps, new NDList(tokens), training).head();
            return new NDList(normed.get(":, 0, :").reshape(n, dim, 1, 1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), dim, 1, 1)};
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape in = inputShapes[0];
            norm.initialize(manager, dataType, new Shape(in.get(0), in.get(1), dim));
        }
    }
}
