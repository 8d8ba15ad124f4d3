package org.infopro.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Per-channel input normalisation {@code (x - mean) / std}, and its inverse.
 *
 * <p>The inverse matters for InfoPro: the decoder's BCE target is the <em>restored</em> image in
 * [0, 1], never the normalised tensor.
 *
 * @param mean per-channel mean in [0, 1] units
 * @param std per-channel standard deviation in [0, 1] units
 */
public record Normalization(float[] mean, float[] std) {

    /**
     * ImageNet's RGB statistics (mean 123.675/116.28/103.53, std 58.395/57.12/57.375 in 8-bit
     * units), used by torchvision, mmsegmentation, mmdetection and TSM alike.
     */
    public static final Normalization IMAGENET =
            new Normalization(
                    new float[] {123.675f / 255, 116.28f / 255, 103.53f / 255},
                    new float[] {58.395f / 255, 57.12f / 255, 57.375f / 255});

    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std need one value per channel");
        }
    }

    /** The same mean and std on every channel. */
    public static Normalization uniform(int channels, float mean, float std) {
        float[] m = new float[channels];
        float[] s = new float[channels];
        java.util.Arrays.fill(m, mean);
        java.util.Arrays.fill(s, std);
        return new Normalization(m, s);
    }

    /** Number of channels. */
    public int channels() {
        return mean.length;
    }

    /** Normalises one pixel value of a channel. */
    public float apply(float value, int channel) {
        return (value - mean[channel]) / std[channel];
    }

    /** Restores a normalised (N, C, H, W) batch to [0, 1]: {@code x·std + mean}. */
    public NDArray restore(NDArray normalized) {
        Shape perChannel = new Shape(1, channels(), 1, 1);
        NDArray s = normalized.getManager().create(std, perChannel);
        NDArray m = normalized.getManager().create(mean, perChannel);
        return normalized.mul(s).add(m);
    }
}
