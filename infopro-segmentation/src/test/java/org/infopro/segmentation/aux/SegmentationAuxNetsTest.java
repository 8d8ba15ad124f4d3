package org.infopro.segmentation.aux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.loss.Losses;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Resize;
import org.infopro.core.objective.AuxConfig;
import org.junit.jupiter.api.Test;

class SegmentationAuxNetsTest {

    private static final FeatureShape IMAGE = new FeatureShape(3, 64, 80);
    private static final FeatureShape FEATURES = new FeatureShape(32, 8, 10);

    @Test
    void decoderReachesTheImageAndPsiKeepsTheFeatureGrid() {
        SegmentationAuxNets aux = new SegmentationAuxNets();
        assertArrayEquals(new long[] {2, 3, 64, 80}, run(aux.decoder(FEATURES, IMAGE)));
        assertArrayEquals(
                new long[] {2, 7, 8, 10},
                run(aux.classifier(FEATURES, IMAGE, AuxConfig.DEFAULT, 7)));
    }

    @Test
    void psiLossIsPixelCrossEntropyAtLabelResolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.randomNormal(new Shape(1, 3, 2, 2));
            long[] labels = {0, 1, 2, 255, 1, 1, 0, 2, 255, 255, 2, 0, 1, 1, 1, 0};
            NDArray y = m.create(labels, new Shape(1, 4, 4));
            NDArray expected =
                    Losses.crossEntropy(Resize.bilinearAlignCorners(logits, 4, 4), y, 255);
            TrainingBatch batch =
                    new TrainingBatch(
                            m.zeros(new Shape(1, 3, 4, 4)),
                            new NDList(y),
                            Normalization.uniform(3, 0.5f, 0.5f));
            assertEquals(
                    expected.getFloat(),
                    new SegmentationAuxNets().classifierLoss(logits, batch).getFloat(),
                    1e-6);
        }
    }

    @Test
    void contrastiveHeadsAreRefusedWithAReason() {
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingBatch batch =
                    new TrainingBatch(
                            m.zeros(new Shape(1, 3, 4, 4)),
                            new NDList(m.zeros(new Shape(1, 4, 4))),
                            Normalization.uniform(3, 0.5f, 0.5f));
            assertThrows(
                    UnsupportedOperationException.class,
                    () -> new SegmentationAuxNets().sampleLabels(batch));
        }
    }

    private static long[] run(Block block) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, FEATURES.batched(2));
            return block.forward(
                            new ParameterStore(m, false),
                            new NDList(m.ones(FEATURES.batched(2))),
                            true)
                    .head()
                    .getShape()
                    .getShape();
        }
    }
}
