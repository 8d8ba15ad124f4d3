package org.infopro.classification.aux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.infopro.classification.ClassificationPlugin;
import org.infopro.classification.backbone.ModernBackbones;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.spi.Registry;
import org.infopro.core.testing.LocalSteps;
import org.infopro.core.testing.Networks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The architecture-specific auxiliary nets (ImageNet ResNets, DenseNet through the CIFAR nets,
 * EfficientNet, ViT): a local step through each keeps module 1 isolated from later modules.
 */
class ArchitectureAuxNetsTest {

    private static final Normalization NORM = Normalization.uniform(3, 0.5f, 0.5f);

    @ParameterizedTest(name = "{0} K={2}")
    @CsvSource({
        "resnet18, 64, 2",
        "resnext50-32x4d, 32, 2",
        "densenet-bc-100-12, 16, 3",
        "efficientnet-b0, 32, 3",
        "vit-micro, 16, 2"
    })
    void localStepKeepsModuleOneIsolated(String name, int side, int k) {
        FeatureShape input = new FeatureShape(3, side, side);
        Registry registry = Registry.discover();
        LocalSteps.assertModuleOneIsolated(
                m ->
                        Networks.local(
                                registry.backbone(name).create(name, input),
                                k,
                                SplitPlanner.EVEN,
                                "infopro-softmax",
                                new float[] {1, 1},
                                new ClassificationPlugin(),
                                10,
                                m),
                new ClassificationPlugin(),
                m -> batch(m, input));
    }

    @Test
    void vitDecoderLaysPatchesBackOnTheImage() {
        // Every output pixel depends on its own patch's token and on no other.
        FeatureShape image = new FeatureShape(3, 16, 16);
        Backbone vit = new ModernBackbones().create("vit-micro", image);
        FeatureShape tokens = vit.cutPoints().get(1).shape();
        assertEquals(new FeatureShape(17, 1, 64), tokens);
        Block decoder = new VitAuxNets().decoder(tokens, image);
        try (NDManager m = NDManager.newBaseManager()) {
            decoder.initialize(m, DataType.FLOAT32, tokens.batched(1));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(tokens.batched(1));
            NDArray base = decoder.forward(ps, new NDList(x), false).head();
            assertEquals(new Shape(1, 3, 16, 16), base.getShape());
            // Change the token of patch (row 1, column 2): only pixels 4..7 × 8..11 move.
            x.set(new ai.djl.ndarray.index.NDIndex("0, {}, 0, :", 1 + 4 + 2), 5f);
            NDArray changed = decoder.forward(ps, new NDList(x), false).head();
            NDArray moved = changed.sub(base).abs().sum(new int[] {0, 1}).gt(1e-6f);
            for (int r = 0; r < 16; r++) {
                for (int c = 0; c < 16; c++) {
                    boolean inPatch = r >= 4 && r < 8 && c >= 8 && c < 12;
                    assertEquals(inPatch, moved.getBoolean(r, c), "pixel " + r + "," + c);
                }
            }
        }
    }

    @Test
    void vitHeadDownsamplesTheTokenGrid() {
        FeatureShape tokens = new FeatureShape(1 + 8 * 8, 1, 64);
        Block head =
                new VitAuxNets()
                        .classifier(tokens, new FeatureShape(3, 32, 32), AuxConfig.DEFAULT, 10);
        try (NDManager m = NDManager.newBaseManager()) {
            head.initialize(m, DataType.FLOAT32, tokens.batched(2));
            NDArray out =
                    head.forward(
                                    new ParameterStore(m, false),
                                    new NDList(m.randomNormal(tokens.batched(2))),
                                    true)
                            .head();
            assertEquals(new Shape(2, 10), out.getShape());
            // conv3×3 D→D with bias, then three Transformer layers, a LayerNorm and the classifier
            long layer =
                    2 * 64
                            + (64 * 192 + 192)
                            + (64 * 64 + 64)
                            + 2 * 64
                            + (64 * 256 + 256)
                            + (256 * 64 + 64);
            assertEquals(
                    9 * 64 * 64 + 64 + VitAuxNets.HEAD_LAYERS * layer + 2 * 64 + 64 * 10 + 10,
                    Networks.trainableParameterCount(head));
        }
    }

    private static TrainingBatch batch(NDManager manager, FeatureShape input) {
        Engine.getInstance().setRandomSeed(7);
        NDArray x = manager.randomNormal(input.batched(4));
        NDArray y = manager.create(new long[] {0, 1, 2, 3});
        return new TrainingBatch(x, new NDList(y), NORM);
    }
}
