package org.infopro.classification.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.FeatureShape;
import org.infopro.core.model.SplitPlanner;
import org.junit.jupiter.api.Test;

class CifarResNetTest {

    private static final FeatureShape CIFAR = new FeatureShape(3, 32, 32);

    /** Published sizes: ResNet-32 0.46 M, ResNet-110 1.7 M (projection shortcuts, without fc). */
    @Test
    void parameterCountsMatchTheArchitecture() {
        assertEquals(466_256, trainableParameters("resnet32"));
        assertEquals(1_730_064, trainableParameters("resnet110"));
    }

    @Test
    void cutShapesFollowTheStages() {
        Backbone r32 = new CifarResNets().create("resnet32", CIFAR);
        assertEquals(16, r32.blocks().size());
        assertEquals(new FeatureShape(16, 32, 32), r32.cutPoints().get(0).shape());
        assertEquals(
                new FeatureShape(32, 16, 16),
                r32.cutPoints().get(r32.indexOf("stage2.block1")).shape());
        assertEquals(new FeatureShape(64, 8, 8), r32.outputShape());
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock body = new SequentialBlock().addAll(r32.blocks());
            body.initialize(m, DataType.FLOAT32, CIFAR.batched(2));
            NDList out =
                    body.forward(
                            new ParameterStore(m, false),
                            new NDList(m.ones(CIFAR.batched(2))),
                            false);
            assertEquals(r32.outputShape().batched(2), out.head().getShape());
        }
    }

    @Test
    void paperSplitTablesGiveThePublishedModuleSizes() {
        Backbone r32 = new CifarResNets().create("resnet32", CIFAR);
        assertEquals(List.of(8, 8), SplitPlanner.plan(r32, 2, "infopro").moduleSizes());
        assertEquals(List.of(6, 5, 5), SplitPlanner.plan(r32, 3, "infopro").moduleSizes());
        assertEquals(List.of(4, 4, 4, 4), SplitPlanner.plan(r32, 4, "infopro").moduleSizes());
        assertEquals(
                List.of(2, 2, 2, 2, 2, 2, 2, 2),
                SplitPlanner.plan(r32, 8, "infopro").moduleSizes());
        assertEquals(16, SplitPlanner.plan(r32, 16, "infopro").k());
        Backbone r110 = new CifarResNets().create("resnet110", CIFAR);
        assertEquals(List.of(28, 27), SplitPlanner.plan(r110, 2, "infopro").moduleSizes());
        assertEquals(
                List.of(6, 7, 7, 7, 7, 7, 7, 7),
                SplitPlanner.plan(r110, 8, "infopro").moduleSizes());
        assertEquals(List.of(16, 39), SplitPlanner.plan(r110, 2, "infopro*").moduleSizes());
        assertEquals(List.of(11, 11, 33), SplitPlanner.plan(r110, 3, "infopro*").moduleSizes());
        assertEquals(List.of(8, 8, 12, 27), SplitPlanner.plan(r110, 4, "infopro*").moduleSizes());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SplitPlanner.plan(r110, 5, "infopro"));
        assertEquals(true, e.getMessage().contains("[2, 3, 4, 8, 16]"), e.getMessage());
        // InfoPro* without a published K is planned from a measured profile.
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SplitPlanner.plan(r110, 5, "infopro*"));
        assertEquals(true, e.getMessage().contains("needs a profile"), e.getMessage());
    }

    @Test
    void lambdaTablesFallBackToTheNearestK() {
        ResNetTables t = ResNetTables.resnet32();
        assertEquals(6f, t.lambdas("infopro", 4).orElseThrow().reconFirst());
        assertEquals(
                5f,
                t.lambdas("infopro", 3)
                        .orElseThrow()
                        .reconFirst()); // K=2 and K=4 tie: the lower wins
        assertEquals(5f, t.lambdas("even", 2).orElseThrow().reconFirst());
    }

    private static long trainableParameters(String name) {
        Backbone backbone = new CifarResNets().create(name, CIFAR);
        try (NDManager m = NDManager.newBaseManager()) {
            long count = 0;
            SequentialBlock body = new SequentialBlock().addAll(backbone.blocks());
            body.initialize(m, DataType.FLOAT32, CIFAR.batched(1));
            for (var p : body.getParameters().values()) {
                if (p.requiresGradient()) {
                    count += p.getArray().size();
                }
            }
            return count;
        }
    }
}
