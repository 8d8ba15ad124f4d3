package org.infopro.detection.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * mmdetection's anchor generator for one pyramid level: for every ratio r = h / w, a box of area
 * (stride · scale)² centred on each feature-map pixel's top-left image coordinate (offset 0);
 * ordered by location (row-major), then ratio.
 */
public final class Anchors {

    /** The published aspect ratios. */
    public static final float[] RATIOS = {0.5f, 1f, 2f};

    /** The published scale: anchors of 8 strides, 32 px on P2 (stride 4) to 512 on P6. */
    public static final float SCALE = 8;

    private Anchors() {}

    /** Anchors per location. */
    public static int perLocation() {
        return RATIOS.length;
    }

    /**
     * @param height feature-map height
     * @param width feature-map width
     * @param stride image pixels per feature pixel
     * @return (height · width · ratios, 4) corners
     */
    public static NDArray grid(NDManager manager, int height, int width, int stride) {
        float[] base = new float[RATIOS.length * 4];
        for (int i = 0; i < RATIOS.length; i++) {
            float h = (float) (stride * SCALE * Math.sqrt(RATIOS[i]));
            float w = (float) (stride * SCALE / Math.sqrt(RATIOS[i]));
            base[4 * i] = -w / 2;
            base[4 * i + 1] = -h / 2;
            base[4 * i + 2] = w / 2;
            base[4 * i + 3] = h / 2;
        }
        float[] anchors = new float[height * width * base.length];
        int k = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int i = 0; i < base.length; i++) {
                    anchors[k++] = base[i] + ((i % 2 == 0) ? x : y) * stride;
                }
            }
        }
        return manager.create(anchors, new Shape((long) height * width * RATIOS.length, 4));
    }
}
