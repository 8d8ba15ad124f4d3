package org.infopro.detection.aux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.infopro.core.nn.FeatureShape;
import org.infopro.detection.data.DetectionTargets;
import org.junit.jupiter.api.Test;

class DetectionAuxNetsTest {

    private static final int I = DetectionAuxNets.IGNORE;

    @Test
    void locationsTakeTheClassInsideBackgroundOutsideAndIgnoreBorders() {
        try (NDManager m = NDManager.newBaseManager()) {
            // One 32×32 image at stride 8 → a 4×4 grid of centres 4, 12, 20, 28. Object of class 1
            // over x, y -2..18: centres 4 and 12 lie inside it shrunk by 4; 20 lies within 4 px of
            // its right edge → ignored. A crowd region at x, y 26..32 → (3, 3) ignored.
            DetectionTargets t =
                    new DetectionTargets(
                            m.create(
                                    new float[] {-2, -2, 18, 18, 26, 26, 32, 32},
                                    new Shape(1, 2, 4)),
                            m.create(new long[] {1, 0}, new Shape(1, 2)),
                            m.create(new float[] {0, 1}, new Shape(1, 2)),
                            m.zeros(new Shape(1, 2)),
                            m.zeros(new Shape(1, 2, 1, 1), DataType.UINT8),
                            m.zeros(new Shape(1, 5), DataType.FLOAT64),
                            m.create(new long[] {1, 2}));
            NDArray labels = DetectionAuxNets.locationLabels(t, 4, 4, 8, 2);
            long[] expected = {
                1, 1, I, 2, //
                1, 1, I, 2, //
                I, I, I, 2, //
                2, 2, 2, I
            };
            assertArrayEquals(expected, labels.toLongArray());
        }
    }

    @Test
    void overlapOfTwoClassesIsIgnored() {
        try (NDManager m = NDManager.newBaseManager()) {
            DetectionTargets t =
                    new DetectionTargets(
                            m.create(
                                    new float[] {-4, -4, 36, 36, 0, 0, 32, 16}, new Shape(1, 2, 4)),
                            m.create(new long[] {0, 1}, new Shape(1, 2)),
                            m.zeros(new Shape(1, 2)),
                            m.zeros(new Shape(1, 2)),
                            m.zeros(new Shape(1, 2, 1, 1), DataType.UINT8),
                            m.zeros(new Shape(1, 5), DataType.FLOAT64),
                            m.create(new long[] {1, 2}));
            long[] labels = DetectionAuxNets.locationLabels(t, 4, 4, 8, 2).toLongArray();
            assertEquals(I, labels[0]); // both objects cover the top rows
            assertEquals(0, labels[3 * 4 + 1]); // only class 0 at the bottom
        }
    }

    @Test
    void decoderRestoresTheInputSizeFromAnyStride() {
        try (NDManager m = NDManager.newBaseManager()) {
            FeatureShape image = new FeatureShape(3, 64, 96);
            for (int stride : new int[] {4, 8, 16}) {
                FeatureShape features = new FeatureShape(16, 64 / stride, 96 / stride);
                Block decoder = new DetectionAuxNets().decoder(features, image);
                decoder.initialize(m, DataType.FLOAT32, features.batched(2));
                // A larger input than initialised: the factors still restore its size.
                NDArray out =
                        decoder.forward(
                                        new ParameterStore(m, false),
                                        new ai.djl.ndarray.NDList(
                                                m.zeros(
                                                        new Shape(
                                                                1, 16, 128 / stride, 64 / stride))),
                                        false)
                                .head();
                assertEquals(new Shape(1, 3, 128, 64), out.getShape());
            }
        }
    }
}
