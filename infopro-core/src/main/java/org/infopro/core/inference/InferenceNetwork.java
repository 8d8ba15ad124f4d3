package org.infopro.core.inference;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.infopro.core.model.Backbone;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.network.ModuleBlock;
import org.infopro.core.nn.FeatureShape;

/**
 * The network as inference runs it: every backbone block, then the task head — no auxiliary nets,
 * no split. Its parameters are the trained network's backbone and head, nothing else.
 */
public final class InferenceNetwork extends AbstractBlock {

    private final Backbone backbone;
    private final ModuleBlock body;
    private final Block head;
    private final List<FeatureShape> headInputs = new ArrayList<>();
    private final FeatureShape input;

    /**
     * @param backbone the blocks (shared, not copied)
     * @param head the task head for this backbone (shared, not copied)
     */
    public InferenceNetwork(Backbone backbone, Block head) {
        this.backbone = backbone;
        this.input = backbone.inputShape();
        Set<Integer> taps = new HashSet<>();
        for (String tap : backbone.taps()) {
            taps.add(backbone.indexOf(tap));
        }
        headInputs.addAll(headInputs(backbone));
        this.body = addChildBlock("body", new ModuleBlock(backbone.blocks(), taps));
        this.head = addChildBlock("head", head);
    }

    /** The trained blocks of a local network, sharing its arrays. */
    public static InferenceNetwork of(LocalNetwork network) {
        return new InferenceNetwork(network.backbone(), network.taskHead());
    }

    /** The shapes of the head's inputs: tapped features, then the last block's output. */
    public static List<FeatureShape> headInputs(Backbone backbone) {
        List<FeatureShape> shapes = new ArrayList<>();
        for (String tap : backbone.taps()) {
            shapes.add(backbone.cutPoints().get(backbone.indexOf(tap)).shape());
        }
        shapes.add(backbone.outputShape());
        return shapes;
    }

    /** The backbone whose blocks it runs. */
    public Backbone backbone() {
        return backbone;
    }

    /** The task head. */
    public Block head() {
        return head;
    }

    /** The per-sample input shape. */
    public FeatureShape inputShape() {
        return input;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList out = body.forward(parameterStore, inputs, training, params);
        return head.forward(
                parameterStore,
                LocalNetwork.headInput(out.subNDList(1), out.head()),
                training,
                params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return head.getOutputShapes(headShapes(batch));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, headShapes(inputShapes[0].get(0)));
    }

    private Shape[] headShapes(long batch) {
        return headInputs.stream().map(f -> f.batched(batch)).toArray(Shape[]::new);
    }
}
