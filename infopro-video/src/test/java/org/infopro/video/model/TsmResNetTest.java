package org.infopro.video.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import org.infopro.core.nn.FeatureShape;
import org.junit.jupiter.api.Test;

class TsmResNetTest {

    private static final FeatureShape FRAME = new FeatureShape(3, 224, 224);

    /** torchvision's ResNet-50 / ResNet-18 without the 1000-way classifier (the shift is free). */
    @Test
    void publishedDepthsHaveTorchvisionsParameterCounts() {
        assertEquals(25_557_032L - 2_049_000L, parameters(TsmResNet.Depth.R50, 64));
        assertEquals(11_689_512L - 513_000L, parameters(TsmResNet.Depth.R18, 64));
    }

    @Test
    void foldedClipsKeepTheBatchAndReachStride32() {
        TsmResNet net =
                new TsmResNet(
                        "tsm",
                        new FeatureShape(3, 64, 64),
                        TsmResNet.Depth.R18,
                        8,
                        4,
                        java.util.Map.of(),
                        null);
        assertEquals(new FeatureShape(64, 2, 2), net.outputShape());
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = sequential(net);
            Shape clips = new Shape(2 * 4, 3, 64, 64);
            block.initialize(m, DataType.FLOAT32, clips);
            NDArray out =
                    block.forward(
                                    new ParameterStore(m, false),
                                    new NDList(m.randomNormal(clips)),
                                    false)
                            .head();
            assertEquals(new Shape(8, 64, 2, 2), out.getShape());
        }
    }

    /**
     * With the shift a frame's features depend on its neighbours; without it (TSN) they do not.
     * Residual branches start at zero (γ = 0), so the mixing shows once they are trained (γ = 1).
     */
    @Test
    void onlyTsmMixesFramesOfAClip() {
        assertNotEquals(0.0, frameZeroChangeWhenFrameOneChanges(4, true), 0.0);
        assertEquals(0.0, frameZeroChangeWhenFrameOneChanges(0, true), 0.0);
        assertEquals(
                0.0, frameZeroChangeWhenFrameOneChanges(4, false), 0.0, "blocks start as identity");
    }

    private static double frameZeroChangeWhenFrameOneChanges(int segments, boolean trained) {
        FeatureShape frame = new FeatureShape(3, 32, 32);
        TsmResNet net =
                new TsmResNet(
                        "net", frame, TsmResNet.Depth.R18, 16, segments, java.util.Map.of(), null);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = sequential(net);
            Shape clip = new Shape(4, 3, 32, 32);
            block.initialize(m, DataType.FLOAT32, clip);
            if (trained) {
                block.getParameters().stream()
                        .filter(p -> p.getKey().endsWith("gamma"))
                        .forEach(p -> p.getValue().getArray().muli(0).addi(1));
            }
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(clip);
            NDArray changed = x.duplicate();
            changed.set(new ai.djl.ndarray.index.NDIndex("1"), 5f);
            NDArray a = block.forward(ps, new NDList(x), false).head().get("0");
            NDArray b = block.forward(ps, new NDList(changed), false).head().get("0");
            return a.sub(b).abs().max().getFloat();
        }
    }

    private static long parameters(TsmResNet.Depth depth, int width) {
        TsmResNet net = new TsmResNet("net", FRAME, depth, width, 8, java.util.Map.of(), null);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = sequential(net);
            block.initialize(m, DataType.FLOAT32, new Shape(8, 3, 64, 64));
            long n = 0;
            for (Parameter p : block.getParameters().values()) {
                n += p.requiresGradient() ? p.getArray().size() : 0;
            }
            return n;
        }
    }

    private static Block sequential(TsmResNet net) {
        SequentialBlock block = new SequentialBlock();
        net.blocks().forEach(block::add);
        return block;
    }
}
