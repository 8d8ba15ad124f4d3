package org.infopro.video.aux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.testing.NDAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shapes of w and ψ at different cuts, and ψ's clip-level loss. */
class VideoAuxNetsTest {

    private static final FeatureShape FRAME = new FeatureShape(3, 56, 56);
    private final VideoAuxNets aux = new VideoAuxNets();

    @ParameterizedTest
    @CsvSource({"16, 14", "32, 7", "64, 4", "128, 2"})
    void decoderRestoresTheFrameAndPsiScoresEachFrame(int channels, int side) {
        FeatureShape features = new FeatureShape(channels, side, side);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray h = m.randomNormal(features.batched(4));
            assertEquals(FRAME.batched(4), run(aux.decoder(features, FRAME), h, m).getShape());
            Block psi = aux.classifier(features, FRAME, AuxConfig.DEFAULT, 11);
            assertEquals(new Shape(4, 11), run(psi, h, m).getShape());
            Block greedy = aux.classifier(features, FRAME, AuxConfig.GREEDY, 11);
            assertEquals(new Shape(4, 11), run(greedy, h, m).getShape());
        }
    }

    @Test
    void psiLossIsCrossEntropyOfTheClipAverage() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] logits = {2, 0, 0, 1, 1, 1, 0, 3};
            long[] labels = {0, 1};
            TrainingBatch batch =
                    new TrainingBatch(
                            m.zeros(new Shape(4, 3, 2, 2)),
                            new NDList(m.create(labels)),
                            Normalization.IMAGENET);
            // Clip means (1, 0.5) and (0.5, 2): CE = log(1 + e^-0.5) and log(1 + e^-1.5).
            double expected = (Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(-1.5))) / 2;
            NDAssert.assertScalar(
                    expected, aux.classifierLoss(m.create(logits, new Shape(4, 2)), batch), 1e-6);
        }
    }

    private static NDArray run(Block block, NDArray x, NDManager m) {
        block.initialize(m, DataType.FLOAT32, x.getShape());
        return block.forward(new ParameterStore(m, false), new NDList(x), false).head();
    }
}
