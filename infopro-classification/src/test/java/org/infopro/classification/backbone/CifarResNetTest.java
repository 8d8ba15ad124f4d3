package org.infopro.classification.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.config.RunConfig;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.LambdaSchedule;
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
    void everyLocalModuleGetsANonZeroWeightForEveryKSplitAndDataset() {
        List<ResNetTables> tables = new ArrayList<>();
        tables.add(ResNetTables.resnet32());
        for (ResNetTables.PaperDataset d : ResNetTables.PaperDataset.values()) {
            tables.add(ResNetTables.resnet110(d));
        }
        for (ResNetTables t : tables) {
            for (String split : List.of("infopro", "infopro*", "balanced", "even")) {
                for (int k = 2; k <= 16; k++) {
                    LambdaSchedule l = t.lambdas(split, k).orElseThrow();
                    assertTrue(l.trainsEveryModule(k), split + " K=" + k + ": " + l.describe(k));
                }
            }
        }
    }

    @Test
    void kThreeWithoutAPublishedScheduleTakesTheNearestOneThatTrainsTheLastModule() {
        // ResNet-32 K=3: K=2's (5, 1, 0, 0) would leave module 2 at (0, 0); K=4's is used.
        assertEquals("m1 (6, 0), m2 (1, 2)", lambdas(ResNetTables.resnet32(), "infopro", 3));
        assertEquals("m1 (1, 0), m2 (0, 1)", lambdas(ResNetTables.resnet110(), "infopro", 3));
        assertEquals("m1 (1, 0), m2 (0, 1)", lambdas(ResNetTables.resnet110(), "even", 3));
        assertEquals("m1 (5, 0), m2 (5, 0.1)", lambdas(ResNetTables.resnet110(), "balanced", 3));
    }

    @Test
    void lambdaTablesAreKeyedByDataset() {
        var stl = ResNetTables.resnet110(ResNetTables.PaperDataset.STL10);
        var svhn = ResNetTables.resnet110(ResNetTables.PaperDataset.SVHN);
        assertEquals("m1 (20, 0.2), m2 (12.5, 1.1), m3 (5, 2)", lambdas(stl, "infopro", 4));
        assertEquals("m1 (20, 0.5), m2 (5, 2)", lambdas(stl, "infopro*", 3));
        assertEquals("m1 (1, 0.1)", lambdas(svhn, "infopro", 2));
        assertEquals("m1 (5, 0), m2 (2.75, 0.5), m3 (0.5, 1)", lambdas(svhn, "infopro", 4));
        // SVHN has no InfoPro* table: its InfoPro* runs are planned and take its equal-layer λ.
        assertEquals("m1 (1, 0.1)", lambdas(svhn, "infopro*", 2));
        assertEquals(
                "m1 (5, 0), m2 (5, 0.05), m3 (5, 0.1)",
                lambdas(ResNetTables.resnet110(), "balanced", 4));
        assertEquals(ResNetTables.PaperDataset.SVHN, ResNetTables.PaperDataset.of("svhn-extra"));
        assertEquals(
                ResNetTables.PaperDataset.CIFAR10, ResNetTables.PaperDataset.of("fashion-mnist"));
    }

    @Test
    void stl10HasItsOwnInfoProStarSplitForKThree() {
        RunConfig stl10 = RunConfig.builder().optDataset("stl10").build();
        Backbone stl = new CifarResNets().create("resnet110", new FeatureShape(3, 96, 96), stl10);
        assertEquals(List.of(10, 11, 34), SplitPlanner.plan(stl, 3, "infopro*").moduleSizes());
        RunConfig cifar10 = stl10.toBuilder().optDataset("cifar10").build();
        Backbone cifar = new CifarResNets().create("resnet110", CIFAR, cifar10);
        assertEquals(List.of(11, 11, 33), SplitPlanner.plan(cifar, 3, "infopro*").moduleSizes());
    }

    private static String lambdas(ResNetTables tables, String split, int k) {
        return tables.lambdas(split, k).orElseThrow().describe(k);
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
