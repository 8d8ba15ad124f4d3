package org.infopro.detection.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.infopro.detection.data.DetectionTargets;

/**
 * The objects one image is trained on: its non-crowd ground truth (crowd regions are not learned
 * from, as in mmdetection's default configs), with their slots in the batch's padded arrays.
 *
 * @param boxes (G, 4) corners in input pixels
 * @param classes G labels
 * @param slots G indices into the batch's flattened (N·G_max) object arrays
 */
record ImageTargets(NDArray boxes, int[] classes, int[] slots) {

    int count() {
        return classes.length;
    }

    /** Every image's objects. */
    static List<ImageTargets> of(DetectionTargets targets, NDManager manager) {
        long[] classes = targets.classes().toLongArray();
        float[] crowd = targets.crowd().toFloatArray();
        float[] boxes = targets.boxes().toFloatArray();
        int n = (int) targets.classes().getShape().get(0);
        int g = (int) targets.classes().getShape().get(1);
        List<ImageTargets> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> kept = new ArrayList<>();
            for (int o = 0; o < g; o++) {
                int slot = i * g + o;
                if (classes[slot] >= 0 && crowd[slot] == 0) {
                    kept.add(slot);
                }
            }
            float[] b = new float[kept.size() * 4];
            int[] c = new int[kept.size()];
            int[] slots = new int[kept.size()];
            for (int k = 0; k < kept.size(); k++) {
                int slot = kept.get(k);
                System.arraycopy(boxes, slot * 4, b, k * 4, 4);
                c[k] = (int) classes[slot];
                slots[k] = slot;
            }
            images.add(new ImageTargets(manager.create(b, new Shape(kept.size(), 4)), c, slots));
        }
        return images;
    }
}
