package org.infopro.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.LambdaSchedule;

/**
 * Bookkeeping for a backbone built block by block: subclasses call {@link #add} with each block,
 * its name and the feature shape after it.
 */
public abstract class SequentialBackbone implements Backbone {

    private final String name;
    private final FeatureShape input;
    private final List<Block> blocks = new ArrayList<>();
    private final List<CutPoint> cuts = new ArrayList<>();

    /** PyTorch's layer names inside each residual block (conv1, bn1, …, downsample.0, .1). */
    private final Map<String, List<String>> resNetLayers = new java.util.HashMap<>();

    private final Map<String, Map<Integer, List<String>>> splitTables;
    private final LambdaSchedule lambdas;

    protected SequentialBackbone(String name, FeatureShape input) {
        this(name, input, Map.of(), null);
    }

    /**
     * @param splitTables published (or chosen) splits by table name and K
     * @param lambdas the λ schedule of every table, or null for none
     */
    protected SequentialBackbone(
            String name,
            FeatureShape input,
            Map<String, Map<Integer, List<String>>> splitTables,
            LambdaSchedule lambdas) {
        this.name = name;
        this.input = input;
        this.splitTables = splitTables;
        this.lambdas = lambdas;
    }

    @Override
    public Map<String, Map<Integer, List<String>>> splitTables() {
        return splitTables;
    }

    @Override
    public Optional<LambdaSchedule> lambdas(String table, int k) {
        return Optional.ofNullable(lambdas);
    }

    /** Appends a block whose output has the given per-sample shape. */
    protected final void add(String blockName, Block block, FeatureShape shape) {
        blocks.add(block);
        cuts.add(new CutPoint(blockName, shape));
    }

    /**
     * Appends a ResNet stem named {@code stem}: {@code convs} (stride 2 overall, {@code width}
     * channels out) followed by the 3×3 max-pool of stride 2, so features leave at stride 4.
     */
    protected final void addResNetStem(SequentialBlock convs, int width) {
        convs.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int h = ((input.height() + 1) / 2 + 1) / 2;
        int w = ((input.width() + 1) / 2 + 1) / 2;
        add("stem", convs, new FeatureShape(width, h, w));
    }

    /**
     * Every block under its own name ({@code layer1.0} ↔ {@code PREFIXlayer1.0.}), {@code stem}
     * under {@code stemPrefixes}: the PyTorch naming of the ResNets built here.
     */
    protected final List<org.infopro.core.weights.WeightGroup> resNetWeightGroups(
            String prefix, List<String> stemLayers) {
        List<org.infopro.core.weights.WeightGroup> groups = new java.util.ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String name = cuts.get(i).name();
            List<String> layers =
                    name.equals("stem")
                            ? stemLayers.stream().map(l -> prefix + l).toList()
                            : resNetLayers.get(name).stream()
                                    .map(l -> prefix + name + "." + l)
                                    .toList();
            groups.add(org.infopro.core.weights.WeightGroup.convBn(name, blocks.get(i), layers));
        }
        return groups;
    }

    /** Builds one residual block of a ResNet stage. */
    @FunctionalInterface
    protected interface StageBlock {
        /**
         * @param stage 0-based stage
         * @param index 0-based block within the stage
         * @param in input channels
         * @param planes the stage's inner width
         * @param out output channels
         * @param stride the block's stride (the stage's for its first block, else 1)
         */
        Block create(int stage, int index, int in, int planes, int out, int stride);
    }

    /**
     * Appends ResNet stages {@code layer1.0} … after the last block added: stage s has {@code
     * blocks[s]} blocks of inner width {@code width·2^s} and output {@code width·2^s·expansion},
     * its first block strided by {@code strides[s]} (feature maps shrink with ceiling division).
     */
    protected final void addResNetStages(
            int[] blocks, int[] strides, int width, int expansion, StageBlock factory) {
        FeatureShape shape = cuts.get(cuts.size() - 1).shape();
        int channels = shape.channels();
        int h = shape.height();
        int w = shape.width();
        for (int stage = 0; stage < blocks.length; stage++) {
            int planes = width << stage;
            int out = planes * expansion;
            for (int b = 0; b < blocks[stage]; b++) {
                int stride = b == 0 ? strides[stage] : 1;
                h = (h + stride - 1) / stride;
                w = (w + stride - 1) / stride;
                String blockName = "layer" + (stage + 1) + "." + b;
                add(
                        blockName,
                        factory.create(stage, b, channels, planes, out, stride),
                        new FeatureShape(out, h, w));
                List<String> layers = new ArrayList<>();
                for (int c = 1; c <= (expansion == 4 ? 3 : 2); c++) {
                    layers.addAll(List.of("conv" + c, "bn" + c));
                }
                if (stride != 1 || channels != out) { // the projecting shortcut, last
                    layers.addAll(List.of("downsample.0", "downsample.1"));
                }
                resNetLayers.put(blockName, layers);
                channels = out;
            }
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final FeatureShape inputShape() {
        return input;
    }

    @Override
    public final List<Block> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    @Override
    public final List<CutPoint> cutPoints() {
        return Collections.unmodifiableList(cuts);
    }
}
