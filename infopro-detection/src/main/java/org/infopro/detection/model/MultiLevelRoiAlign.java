package org.infopro.detection.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.nn.NativeArrays;
import org.infopro.detection.ops.RoiAlign;

/**
 * mmdetection's {@code SingleRoIExtractor}: each RoI is pooled from one pyramid level chosen by its
 * size, level = ⌊log2(√(w·h) / 56)⌋ clamped to P2–P5, with RoIAlign (sampling ratio 2, aligned
 * pixel centres).
 */
final class MultiLevelRoiAlign {

    /** Levels RoIs are pooled from: P2–P5. */
    static final int LEVELS = 4;

    private static final double FINEST_SCALE = 56;

    private final RoiAlign[] aligners = new RoiAlign[LEVELS];
    private final int outputSize;

    MultiLevelRoiAlign(int outputSize) {
        this.outputSize = outputSize;
        for (int l = 0; l < LEVELS; l++) {
            aligners[l] = new RoiAlign(outputSize, 1f / Fpn.STRIDES[l], 2, true);
        }
    }

    /** The pyramid level (0 = P2) of a box of width w and height h. */
    static int level(float w, float h) {
        double scale = Math.sqrt(Math.max(0, w) * Math.max(0, h));
        int level = (int) Math.floor(Math.log(scale / FINEST_SCALE + 1e-6) / Math.log(2));
        return Math.max(0, Math.min(LEVELS - 1, level));
    }

    /**
     * @param pyramid P2, … (at least four levels)
     * @param rois (R, 4) corners in input pixels
     * @param images the image of each RoI
     * @return (R, C, P, P) in the RoIs' order
     */
    NDArray apply(NDList pyramid, NDArray rois, long[] images) {
        NDManager m = rois.getManager();
        if (images.length == 0) {
            long channels = pyramid.head().getShape().get(1);
            return m.zeros(new Shape(0, channels, outputSize, outputSize));
        }
        float[] boxes = rois.toFloatArray();
        List<List<Integer>> members = new ArrayList<>();
        for (int l = 0; l < LEVELS; l++) {
            members.add(new ArrayList<>());
        }
        for (int r = 0; r < images.length; r++) {
            float w = boxes[4 * r + 2] - boxes[4 * r];
            float h = boxes[4 * r + 3] - boxes[4 * r + 1];
            members.get(level(w, h)).add(r);
        }
        NDList pooled = new NDList();
        long[] position = new long[images.length];
        int next = 0;
        for (int l = 0; l < LEVELS; l++) {
            List<Integer> rs = members.get(l);
            if (rs.isEmpty()) {
                continue;
            }
            long[] index = new long[rs.size()];
            long[] image = new long[rs.size()];
            for (int i = 0; i < rs.size(); i++) {
                index[i] = rs.get(i);
                image[i] = images[rs.get(i)];
                position[rs.get(i)] = next++;
            }
            pooled.add(
                    aligners[l].apply(pyramid.get(l), rois.get(m.create(index)), m.create(image)));
        }
        NDArray all = pooled.size() == 1 ? pooled.head() : NDArrays.concat(pooled, 0);
        // The reordering index is kept by autograd: it must own its memory (see NativeArrays).
        return all.get(NativeArrays.owned(m, position));
    }
}
