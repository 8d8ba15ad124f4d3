package org.infopro.core.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.SplitPlan;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.objective.LocalHead;
import org.infopro.core.objective.LocalObjective;
import org.infopro.core.objective.LocalObjective.HeadContext;
import org.infopro.core.spi.TaskPlugin;

/**
 * The one trainable block: K backbone modules, the local heads of modules 1..K-1 and the task head,
 * so that one optimizer owns every parameter.
 *
 * <p>{@link #forward} is the evaluation/inference path: a plain pass through all modules and the
 * task head, never touching the auxiliary nets. Training goes module by module through {@link
 * org.infopro.core.train.LocalTrainer}.
 */
public final class LocalNetwork extends AbstractBlock {

    private final List<ModuleBlock> modules = new ArrayList<>();
    private final List<FeatureShape> headInputs = new ArrayList<>();
    private final List<LocalHead> heads = new ArrayList<>();
    private final List<FeatureShape> moduleOutputs = new ArrayList<>();
    private final Block taskHead;
    private final SplitPlan plan;
    private final FeatureShape input;
    private final Backbone backbone;

    /**
     * Assembles a network.
     *
     * @param backbone the body to cut
     * @param plan where to cut it
     * @param objective how modules 1..K-1 learn
     * @param task the task (head, loss, auxiliary nets)
     * @param classes number of classes
     */
    public LocalNetwork(
            Backbone backbone,
            SplitPlan plan,
            LocalObjective objective,
            TaskPlugin task,
            int classes) {
        if (plan.k() > 1 && objective.isEndToEnd()) {
            throw new IllegalArgumentException(
                    "Method "
                            + objective.name()
                            + " trains one module; use K=1, got K="
                            + plan.k());
        }
        if (plan.end(plan.k() - 1) != backbone.blocks().size()) {
            throw new IllegalArgumentException(
                    "Split "
                            + plan
                            + " does not cover the "
                            + backbone.blocks().size()
                            + " blocks of "
                            + backbone.name());
        }
        this.plan = plan;
        this.backbone = backbone;
        this.input = backbone.inputShape();
        List<Integer> taps = new ArrayList<>();
        for (String tap : backbone.taps()) {
            int index = backbone.indexOf(tap);
            taps.add(index);
            headInputs.add(backbone.cutPoints().get(index).shape());
        }
        headInputs.add(backbone.outputShape());
        for (int m = 0; m < plan.k(); m++) {
            Set<Integer> tapped = new HashSet<>();
            for (int tap : taps) {
                if (tap >= plan.start(m) && tap < plan.end(m)) {
                    tapped.add(tap - plan.start(m));
                }
            }
            List<Block> blocks = backbone.blocks().subList(plan.start(m), plan.end(m));
            modules.add(addChildBlock("module" + (m + 1), new ModuleBlock(blocks, tapped)));
            moduleOutputs.add(backbone.cutPoints().get(plan.end(m) - 1).shape());
        }
        AuxNetFactory auxNets = backbone.auxNets().orElse(task.auxNets());
        for (int m = 0; m < plan.k() - 1; m++) {
            HeadContext context =
                    new HeadContext(m, plan.k(), moduleOutputs.get(m), input, classes, auxNets);
            heads.add(addChildBlock("local" + (m + 1), objective.newHead(context)));
        }
        taskHead = addChildBlock("head", task.newTaskHead(backbone, headInputs, classes));
    }

    /** The backbone this network cuts. */
    public Backbone backbone() {
        return backbone;
    }

    /** Number of modules K. */
    public int k() {
        return plan.k();
    }

    /** The split in use. */
    public SplitPlan plan() {
        return plan;
    }

    /**
     * Module {@code m} (0-based). Its output list holds its output first, then the outputs of its
     * tapped blocks.
     */
    public ModuleBlock module(int m) {
        return modules.get(m);
    }

    /** The local head of module {@code m}, for m below K-1. */
    public LocalHead localHead(int m) {
        return heads.get(m);
    }

    /** The task head after the last module. */
    public Block taskHead() {
        return taskHead;
    }

    /** The per-sample output shape of every module. */
    public List<FeatureShape> moduleOutputs() {
        return Collections.unmodifiableList(moduleOutputs);
    }

    /** The per-sample input shape. */
    public FeatureShape inputShape() {
        return input;
    }

    /** Initialises every parameter for batches of this input shape. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, input.batched(2));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList current = inputs;
        NDList tapped = new NDList();
        for (ModuleBlock module : modules) {
            NDList out = module.forward(parameterStore, current, training, params);
            current = new NDList(out.head());
            tapped.addAll(out.subNDList(1));
        }
        return taskHead.forward(
                parameterStore, headInput(tapped, current.head()), training, params);
    }

    /** The task head's input: the tapped features in tap order, then the last output. */
    public static NDList headInput(NDList tapped, NDArray last) {
        NDList input = new NDList(tapped);
        input.add(last);
        return input;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return taskHead.getOutputShapes(headShapes(inputShapes[0].get(0)));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        Shape current = inputShapes[0];
        for (int m = 0; m < modules.size(); m++) {
            modules.get(m).initialize(manager, dataType, current);
            current = moduleOutputs.get(m).batched(batch);
            if (m < heads.size()) {
                heads.get(m).initialize(manager, dataType, current);
            }
        }
        taskHead.initialize(manager, dataType, headShapes(batch));
    }

    private Shape[] headShapes(long batch) {
        return headInputs.stream().map(f -> f.batched(batch)).toArray(Shape[]::new);
    }
}
