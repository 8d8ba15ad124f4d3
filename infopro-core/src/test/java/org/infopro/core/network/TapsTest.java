package org.infopro.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.metric.TaskMetric;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.CutPoint;
import org.infopro.core.model.SplitPlan;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.objective.ClassifierObjective;
import org.infopro.core.optim.TorchSgd;
import org.infopro.core.spi.TaskPlugin;
import org.infopro.core.testing.Networks;
import org.infopro.core.testing.Toys;
import org.infopro.core.train.LocalTrainer;
import org.junit.jupiter.api.Test;

/**
 * Tapped blocks: the task head reads earlier features (as DeepLab's FCN head reads layer3), and a
 * tap inside an earlier module reaches the head detached, sending it no gradient.
 */
class TapsTest {

    private static final FeatureShape INPUT = new FeatureShape(3, 8, 8);
    private static final FeatureShape HIDDEN = new FeatureShape(4, 8, 8);

    @Test
    void headReadsTapsAndEarlierModulesStayIsolated() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork full = network(manager);
            LocalNetwork alone = network(manager);
            Networks.copyParameters(full, alone);
            try (NDManager step = manager.newSubManager()) {
                TrainingBatch batch = batch(step);
                NDList logits =
                        full.forward(
                                new ParameterStore(step, false), new NDList(batch.input()), false);
                assertEquals(new Shape(4, 3), logits.head().getShape());
                new LocalTrainer(full, new ToyTask(), new TorchSgd(0, false, 0))
                        .accumulateGradients(batch, 0, 0.1f);
            }
            try (NDManager step = manager.newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                TrainingBatch batch = batch(step);
                ParameterStore ps = new ParameterStore(step, false);
                NDArray h = alone.module(0).forward(ps, new NDList(batch.input()), true).head();
                gc.backward(alone.localHead(0).loss(ps, h, batch).total());
            }
            List<Parameter> a = full.module(0).getParameters().values();
            List<Parameter> b = alone.module(0).getParameters().values();
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).requiresGradient()) {
                    float[] ga = a.get(i).getArray().getGradient().toFloatArray();
                    float[] gb = b.get(i).getArray().getGradient().toFloatArray();
                    for (int j = 0; j < ga.length; j++) {
                        assertEquals(gb[j], ga[j], 1e-6, "module 1 got gradient through its tap");
                    }
                }
            }
            assertTrue(ToyHead.lastInputs == 3, "two taps and the last output");
        }
    }

    private static LocalNetwork network(NDManager manager) {
        Engine.getInstance().setRandomSeed(3);
        LocalNetwork net =
                new LocalNetwork(
                        new ToyBackbone(),
                        SplitPlan.ofEnds(3, "t", 1, 3),
                        new ClassifierObjective("greedy", AuxConfig.GREEDY),
                        new ToyTask(),
                        3);
        net.initialize(manager);
        return net;
    }

    private static TrainingBatch batch(NDManager manager) {
        Engine.getInstance().setRandomSeed(5);
        return new TrainingBatch(
                manager.randomNormal(INPUT.batched(4)),
                new NDList(manager.create(new long[] {0, 1, 2, 0})),
                Normalization.uniform(3, 0.5f, 0.5f));
    }

    /** Three conv blocks; blocks b0 (module 1) and b1 (module 2) are tapped. */
    private static final class ToyBackbone implements Backbone {
        private final List<Block> blocks =
                List.of(
                        Layers.convBnRelu(4, 3, 1, false),
                        Layers.convBnRelu(4, 3, 1, false),
                        Layers.convBnRelu(4, 3, 1, false));

        @Override
        public String name() {
            return "toy";
        }

        @Override
        public FeatureShape inputShape() {
            return INPUT;
        }

        @Override
        public List<Block> blocks() {
            return blocks;
        }

        @Override
        public List<CutPoint> cutPoints() {
            return List.of(
                    new CutPoint("b0", HIDDEN),
                    new CutPoint("b1", HIDDEN),
                    new CutPoint("b2", HIDDEN));
        }

        @Override
        public List<String> taps() {
            return List.of("b0", "b1");
        }
    }

    /** Pools every input, concatenates, classifies. */
    private static final class ToyHead extends AbstractBlock {
        static int lastInputs;
        private final Block linear;

        ToyHead(int inputs, int classes) {
            linear = addChildBlock("fc", Layers.linear(4 * inputs, classes));
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            lastInputs = inputs.size();
            List<NDArray> pooled = new ArrayList<>();
            for (NDArray x : inputs) {
                pooled.add(x.mean(new int[] {3}).mean(new int[] {2}));
            }
            NDArray joined = NDArrays.concat(new NDList(pooled), 1);
            return linear.forward(ps, new NDList(joined), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return linear.getOutputShapes(
                    new Shape[] {new Shape(inputShapes[0].get(0), 4L * inputShapes.length)});
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            linear.initialize(
                    manager, dataType, new Shape(inputShapes[0].get(0), 4L * inputShapes.length));
        }
    }

    /** The toy task with a head that reads every tap. */
    private static final class ToyTask implements TaskPlugin {
        private final Toys.Task toy = new Toys.Task();

        @Override
        public String name() {
            return "toy-taps";
        }

        @Override
        public Block newTaskHead(List<FeatureShape> features, int classes) {
            return new ToyHead(features.size(), classes);
        }

        @Override
        public NDArray taskLoss(NDList headOutput, TrainingBatch batch) {
            return toy.taskLoss(headOutput, batch);
        }

        @Override
        public AuxNetFactory auxNets() {
            return toy;
        }

        @Override
        public TaskMetric newMetric(int classes) {
            return toy.newMetric(classes);
        }
    }
}
