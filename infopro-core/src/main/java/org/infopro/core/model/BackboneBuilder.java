package org.infopro.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.LambdaSchedule;

/**
 * A {@link Backbone} from plain DJL blocks: each {@link #add} appends a block and names the cut
 * point after it. The feature shape at every cut point is inferred from the blocks' output shapes
 * ({@link Block#getOutputShapes}) for the input shape, or checked against a declared one, so a
 * wrong declaration fails here, naming the cut point.
 *
 * <pre>{@code
 * Backbone net = Backbone.builder("small-vgg", input)
 *         .add("conv1", convBnRelu(1, 32))                    // shape inferred
 *         .add("pool1", pool, new FeatureShape(32, 14, 14))  // shape checked
 *         .build();
 * }</pre>
 *
 * Without a split table the default split ({@code infopro}) cuts it evenly; {@link #optSplitTable}
 * and {@link #optLambdas} publish a table and λ as the built-in backbones do.
 */
public final class BackboneBuilder {

    private final String name;
    private final FeatureShape input;
    private final List<Block> blocks = new ArrayList<>();
    private final List<CutPoint> cuts = new ArrayList<>();
    private final Map<String, Map<Integer, List<String>>> tables = new LinkedHashMap<>();
    private LambdaSchedule lambdas;

    BackboneBuilder(String name, FeatureShape input) {
        this.name = name;
        this.input = input;
    }

    /** Appends a block; the feature shape after it is inferred. */
    public BackboneBuilder add(String cutPoint, Block block) {
        return add(cutPoint, block, null);
    }

    /**
     * Appends a block whose per-sample output must be {@code declared}.
     *
     * @throws IllegalArgumentException naming the cut point when the block's output differs, is not
     *     a (N, C, H, W) feature map, or the name is taken
     */
    public BackboneBuilder add(String cutPoint, Block block, FeatureShape declared) {
        if (cuts.stream().anyMatch(c -> c.name().equals(cutPoint))) {
            throw new IllegalArgumentException(
                    "Backbone " + name + ": cut point '" + cutPoint + "' is named twice");
        }
        FeatureShape in = cuts.isEmpty() ? input : cuts.get(cuts.size() - 1).shape();
        FeatureShape inferred = outputOf(cutPoint, block, in);
        if (declared != null && !declared.equals(inferred)) {
            throw new IllegalArgumentException(
                    "Backbone "
                            + name
                            + ": cut point '"
                            + cutPoint
                            + "' is declared "
                            + declared
                            + " but its block turns "
                            + in
                            + " into "
                            + inferred);
        }
        blocks.add(block);
        cuts.add(new CutPoint(cutPoint, inferred));
        return this;
    }

    /**
     * Publishes a split table: for each K, the cut points that end modules 1..K-1 (checked when the
     * table is used).
     */
    public BackboneBuilder optSplitTable(String table, Map<Integer, List<String>> splits) {
        tables.put(table, Map.copyOf(splits));
        return this;
    }

    /** The λ schedule of every split of this backbone (else the run's default). */
    public BackboneBuilder optLambdas(LambdaSchedule lambdas) {
        this.lambdas = lambdas;
        return this;
    }

    /** The backbone; at least one block is needed. */
    public Backbone build() {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("Backbone " + name + " has no blocks");
        }
        for (Map.Entry<String, Map<Integer, List<String>>> table : tables.entrySet()) {
            for (List<String> ends : table.getValue().values()) {
                for (String end : ends) {
                    if (cuts.stream().noneMatch(c -> c.name().equals(end))) {
                        throw new IllegalArgumentException(
                                "Backbone "
                                        + name
                                        + ": split table '"
                                        + table.getKey()
                                        + "' names cut point '"
                                        + end
                                        + "', which does not exist; cut points are "
                                        + cuts.stream().map(CutPoint::name).toList());
                    }
                }
            }
        }
        return new Built(this);
    }

    private FeatureShape outputOf(String cutPoint, Block block, FeatureShape in) {
        Shape out;
        try {
            out = block.getOutputShapes(new Shape[] {in.batched(2)})[0];
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Backbone "
                            + name
                            + ": cut point '"
                            + cutPoint
                            + "': the block's output shape for input "
                            + in
                            + " cannot be computed ("
                            + e.getMessage()
                            + ")",
                    e);
        }
        if (out.dimension() != 4) {
            throw new IllegalArgumentException(
                    "Backbone "
                            + name
                            + ": cut point '"
                            + cutPoint
                            + "' outputs "
                            + out
                            + "; cut points need (N, C, H, W) feature maps (keep pooling and"
                            + " classifiers in the task head)");
        }
        return FeatureShape.of(out);
    }

    private static final class Built extends SequentialBackbone {
        Built(BackboneBuilder b) {
            super(b.name, b.input, Map.copyOf(b.tables), b.lambdas);
            for (int i = 0; i < b.blocks.size(); i++) {
                add(b.cuts.get(i).name(), b.blocks.get(i), b.cuts.get(i).shape());
            }
        }
    }
}
