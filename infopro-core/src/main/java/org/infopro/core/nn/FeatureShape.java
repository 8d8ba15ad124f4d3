package org.infopro.core.nn;

import ai.djl.ndarray.types.Shape;

/**
 * The shape of one sample's feature map at a cut point: channels × height × width.
 *
 * <p>Auxiliary nets are built from this shape alone, so a split can be placed anywhere without
 * per-architecture code.
 */
public record FeatureShape(int channels, int height, int width) {

    public FeatureShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "Feature shape must be positive, got " + channels + "x" + height + "x" + width);
        }
    }

    /** Reads a (N, C, H, W) or (C, H, W) shape. */
    public static FeatureShape of(Shape shape) {
        int n = shape.dimension();
        return new FeatureShape(
                (int) shape.get(n - 3), (int) shape.get(n - 2), (int) shape.get(n - 1));
    }

    /** The batched DJL shape (batch, C, H, W). */
    public Shape batched(long batch) {
        return new Shape(batch, channels, height, width);
    }

    /** Values held per sample. */
    public long elements() {
        return (long) channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
