package org.infopro.segmentation.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import org.infopro.core.nn.FeatureShape;
import org.junit.jupiter.api.Test;

class DilatedResNetTest {

    /**
     * torchvision's ResNet-50 has 25,557,032 parameters, of which the fc layer holds 2,049,000 and
     * the 7×7 stem conv + BN 9,536; the V1c deep stem (3→32→32→64 3×3 convs + BNs) holds 28,768.
     * Dilation adds none.
     */
    @Test
    void resnet50V1cHasTheTorchvisionBodyWithTheDeepStem() {
        DilatedResNet r50 =
                new DilatedResNet(
                        "r50",
                        new FeatureShape(3, 64, 64),
                        DilatedResNet.Depth.R50,
                        64,
                        java.util.Map.of(),
                        null);
        assertEquals(
                25_557_032L - 2_049_000 - 9_536 + 28_768,
                trainable(r50, new FeatureShape(3, 64, 64)));
    }

    @Test
    void outputStrideIsEightAndLayer3IsTapped() {
        FeatureShape input = new FeatureShape(3, 64, 96);
        DilatedResNet r18 =
                new DilatedResNet(
                        "r18", input, DilatedResNet.Depth.R18, 16, java.util.Map.of(), null);
        assertEquals(new FeatureShape(128, 8, 12), r18.outputShape());
        assertEquals(java.util.List.of("layer3.1"), r18.taps());
        assertEquals(
                new FeatureShape(64, 8, 12), r18.cutPoints().get(r18.indexOf("layer3.1")).shape());
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock body = new SequentialBlock().addAll(r18.blocks());
            body.initialize(m, DataType.FLOAT32, input.batched(1));
            NDList out =
                    body.forward(
                            new ParameterStore(m, false),
                            new NDList(m.ones(input.batched(1))),
                            false);
            assertEquals(r18.outputShape().batched(1), out.head().getShape());
        }
        DilatedResNet r101 =
                new DilatedResNet(
                        "r101", input, DilatedResNet.Depth.R101, 64, java.util.Map.of(), null);
        assertEquals(1 + 3 + 4 + 23 + 3, r101.blocks().size());
        assertEquals(java.util.List.of("layer3.22"), r101.taps());
    }

    private static long trainable(DilatedResNet backbone, FeatureShape input) {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock body = new SequentialBlock().addAll(backbone.blocks());
            body.initialize(m, DataType.FLOAT32, input.batched(1));
            long n = 0;
            for (Parameter p : body.getParameters().values()) {
                n += p.requiresGradient() ? p.getArray().size() : 0;
            }
            return n;
        }
    }
}
