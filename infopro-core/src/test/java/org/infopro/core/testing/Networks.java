package org.infopro.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.List;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.spi.CoreObjectives;
import org.infopro.core.spi.ObjectiveProvider;
import org.infopro.core.spi.TaskPlugin;

/** Helpers for tests that build networks and compare two instances of one architecture. */
public final class Networks {

    private Networks() {}

    /**
     * An initialised network of a backbone cut by a split table, with one method at constant λ.
     *
     * @param lambdas constant λ1, λ2 of the method
     */
    public static LocalNetwork local(
            Backbone backbone,
            int k,
            String split,
            String method,
            float[] lambdas,
            TaskPlugin task,
            int classes,
            NDManager manager) {
        LocalNetwork net =
                new LocalNetwork(
                        backbone,
                        SplitPlanner.plan(backbone, k, split),
                        new CoreObjectives()
                                .create(
                                        method,
                                        new ObjectiveProvider.Settings(
                                                LambdaSchedule.constant(lambdas[0], lambdas[1]),
                                                null)),
                        task,
                        classes);
        net.initialize(manager);
        return net;
    }

    /** An initialised end-to-end network (one module) of a backbone and a task's head. */
    public static LocalNetwork endToEnd(
            Backbone backbone, TaskPlugin task, int classes, NDManager manager) {
        return local(
                backbone,
                1,
                SplitPlanner.PAPER,
                "e2e",
                new float[] {0f, 0f},
                task,
                classes,
                manager);
    }

    /** Number of trained parameter values (BatchNorm's running statistics are not counted). */
    public static long trainableParameterCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                count += p.getValue().getArray().size();
            }
        }
        return count;
    }

    /** Copies every parameter value (in order) from one block into an identically built one. */
    public static void copyParameters(Block from, Block to) {
        List<Parameter> source = from.getParameters().values();
        List<Parameter> target = to.getParameters().values();
        for (int i = 0; i < source.size(); i++) {
            target.get(i).getArray().set(source.get(i).getArray().toFloatArray());
        }
    }

    /** Asserts that two identically built blocks hold the same gradients (relative 1e-6). */
    public static void assertGradientsEqual(
            PairList<String, Parameter> expected, PairList<String, Parameter> actual) {
        for (int i = 0; i < expected.size(); i++) {
            Pair<String, Parameter> pe = expected.get(i);
            if (!pe.getValue().requiresGradient()) {
                continue;
            }
            try (NDArray ge = pe.getValue().getArray().getGradient();
                    NDArray ga = actual.get(i).getValue().getArray().getGradient()) {
                float[] e = ge.toFloatArray();
                float[] a = ga.toFloatArray();
                for (int j = 0; j < e.length; j++) {
                    assertEquals(
                            e[j],
                            a[j],
                            1e-6f * Math.max(1, Math.abs(e[j])),
                            pe.getKey() + "[" + j + "]");
                }
            }
        }
    }

    /** The largest absolute gradient over the trainable parameters. */
    public static double maxAbsGradient(PairList<String, Parameter> parameters) {
        double max = 0;
        for (Parameter p : parameters.values()) {
            if (p.requiresGradient()) {
                try (NDArray g = p.getArray().getGradient()) {
                    max = Math.max(max, g.abs().max().getFloat());
                }
            }
        }
        return max;
    }

    /** Initialises a backbone's blocks one by one for the shape that reaches each. */
    public static void initializeBlocks(
            Backbone backbone, NDManager manager, ai.djl.ndarray.types.Shape input) {
        ai.djl.ndarray.types.Shape shape = input;
        for (Block block : backbone.blocks()) {
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, shape);
            shape = block.getOutputShapes(new ai.djl.ndarray.types.Shape[] {shape})[0];
        }
    }

    /** Every block's output in evaluation mode, by block name, in order. */
    public static java.util.Map<String, NDArray> blockOutputs(
            Backbone backbone, NDManager manager, NDArray input) {
        ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(manager, false);
        java.util.Map<String, NDArray> outputs = new java.util.LinkedHashMap<>();
        ai.djl.ndarray.NDList h = new ai.djl.ndarray.NDList(input);
        for (int i = 0; i < backbone.blocks().size(); i++) {
            h = backbone.blocks().get(i).forward(ps, h, false);
            outputs.put(backbone.cutPoints().get(i).name(), h.head());
        }
        return outputs;
    }
}
