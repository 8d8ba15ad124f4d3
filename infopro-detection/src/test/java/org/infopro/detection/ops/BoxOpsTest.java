package org.infopro.detection.ops;

import static org.infopro.core.testing.NDAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class BoxOpsTest {

    @Test
    void iouByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {0, 0, 10, 10, 0, 0, 2, 2}, new Shape(2, 4));
            NDArray b = manager.create(new float[] {5, 5, 15, 15, 20, 20, 30, 30}, new Shape(2, 4));
            // 25 shared of 100 + 100 - 25; disjoint boxes 0.
            assertClose(
                    manager.create(new float[] {25f / 175, 0, 0, 0}, new Shape(2, 2)),
                    Boxes.iou(a, b),
                    1e-6);
        }
    }

    @Test
    void coderEncodesByHandAndDecodesBack() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray reference = manager.create(new float[] {0, 0, 10, 20}, new Shape(1, 4));
            NDArray target = manager.create(new float[] {5, 0, 25, 20}, new Shape(1, 4));
            // Centre moves (10, 0) on a 10×20 box: dx = 1, dy = 0; width doubles: dw = ln 2.
            NDArray deltas = BoxCoder.ROI.encode(reference, target);
            assertClose(
                    manager.create(
                            new float[] {1 / .1f, 0, (float) Math.log(2) / .2f, 0},
                            new Shape(1, 4)),
                    deltas,
                    1e-5);
            assertClose(target, BoxCoder.ROI.decode(reference, deltas), 1e-4);
        }
    }

    @Test
    void anchorsFollowTheGeneratorLayout() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray anchors = Anchors.grid(manager, 2, 3, 4);
            assertEquals(new Shape(2 * 3 * 3, 4), anchors.getShape());
            // Ratio 1 at location (y=1, x=2): a 32×32 box centred on (8, 4).
            float[] box = anchors.get((1 * 3 + 2) * 3 + 1).toFloatArray();
            assertClose(manager.create(new float[] {-8, -12, 24, 20}), manager.create(box), 1e-5);
        }
    }
}
