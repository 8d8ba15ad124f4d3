package org.infopro.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Map;
import org.infopro.core.nn.FeatureShape;
import org.junit.jupiter.api.Test;

/** Backbones from plain DJL blocks: shapes inferred, declarations checked, errors named. */
class BackboneBuilderTest {

    private static final FeatureShape INPUT = new FeatureShape(1, 28, 28);

    private static Conv2d conv(int filters, int stride) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(3, 3))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1))
                .build();
    }

    @Test
    void shapesAreInferredAtEveryCutPoint() {
        Backbone net =
                Backbone.builder("net", INPUT)
                        .add("a", conv(8, 1))
                        .add(
                                "b",
                                new SequentialBlock()
                                        .add(conv(16, 1))
                                        .add(Pool.maxPool2dBlock(new Shape(2, 2))))
                        .add("c", conv(32, 2), new FeatureShape(32, 7, 7))
                        .build();
        assertEquals(
                List.of(
                        new CutPoint("a", new FeatureShape(8, 28, 28)),
                        new CutPoint("b", new FeatureShape(16, 14, 14)),
                        new CutPoint("c", new FeatureShape(32, 7, 7))),
                net.cutPoints());
        assertEquals(INPUT, net.inputShape());
        assertEquals(3, net.blocks().size());
    }

    @Test
    void aWrongDeclarationNamesTheCutPoint() {
        var builder = Backbone.builder("small-vgg", INPUT).add("conv1", conv(32, 2));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> builder.add("conv3", conv(64, 1), new FeatureShape(64, 15, 15)));
        assertEquals(
                "Backbone small-vgg: cut point 'conv3' is declared 64x15x15 but its block turns"
                        + " 32x14x14 into 64x14x14",
                e.getMessage());
    }

    @Test
    void flatOutputsDuplicateNamesAndUnknownTableEntriesAreRefused() {
        var flat =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Backbone.builder("n", INPUT).add("flat", Blocks.batchFlattenBlock()));
        assertEquals(
                "Backbone n: cut point 'flat' outputs (2, 784); cut points need (N, C, H, W)"
                        + " feature maps (keep pooling and classifiers in the task head)",
                flat.getMessage());
        var twice =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Backbone.builder("n", INPUT)
                                        .add("a", conv(4, 1))
                                        .add("a", conv(4, 1)));
        assertEquals("Backbone n: cut point 'a' is named twice", twice.getMessage());
        var table =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Backbone.builder("n", INPUT)
                                        .add("a", conv(4, 1))
                                        .add("b", conv(4, 1))
                                        .optSplitTable("infopro", Map.of(2, List.of("z")))
                                        .build());
        assertEquals(
                "Backbone n: split table 'infopro' names cut point 'z', which does not exist;"
                        + " cut points are [a, b]",
                table.getMessage());
    }

    @Test
    void withoutATableThePaperSplitCutsEvenlyAndSaysSo() {
        Backbone net =
                Backbone.builder("n", INPUT)
                        .add("a", conv(4, 1))
                        .add("b", conv(4, 1))
                        .add("c", conv(4, 1))
                        .add("d", conv(4, 1))
                        .add("e", conv(4, 1))
                        .build();
        SplitPlan plan = SplitPlanner.plan(net, 2, SplitPlanner.PAPER);
        assertEquals("even (no published table) [3, 2]", plan.toString());
        Backbone published =
                Backbone.builder("p", INPUT)
                        .add("a", conv(4, 1))
                        .add("b", conv(4, 1))
                        .add("c", conv(4, 1))
                        .optSplitTable("infopro", Map.of(2, List.of("a")))
                        .build();
        assertEquals(
                "infopro [1, 2]", SplitPlanner.plan(published, 2, SplitPlanner.PAPER).toString());
    }
}
