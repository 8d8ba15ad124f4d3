package org.infopro.segmentation.inference;

import java.util.List;
import org.infopro.core.config.PixelSize;
import org.infopro.core.config.Setting;
import org.infopro.core.config.TaskOptions;

/**
 * Segmentation's test-time inference, as mmsegmentation configures it: scales, flip, and sliding
 * windows. Evaluating a trained model may change any of them.
 *
 * @param testScales input scales whose predictions are averaged; {@code [1.0]} is the trained scale
 * @param testFlip also predict on horizontally flipped inputs and average
 * @param testCrop sliding-window inference with windows of this size; null predicts whole images
 * @param testStride the sliding window's stride; null takes two thirds of the window
 */
public record SegmentationOptions(
        @Setting(
                        option = "--test-scales",
                        label = "S",
                        help =
                                "Multi-scale inference at these scales, e.g. 0.5,0.75,1,1.25,1.5,1.75.",
                        testTime = true)
                List<Float> testScales,
        @Setting(
                        option = "--test-flip",
                        help = "Also predict on flipped inputs; average.",
                        testTime = true)
                boolean testFlip,
        @Setting(
                        option = "--test-crop",
                        label = "HxW",
                        help = "Sliding-window inference with HxW windows, e.g. 512x1024.",
                        testTime = true)
                PixelSize testCrop,
        @Setting(
                        option = "--test-stride",
                        label = "HxW",
                        help = "Sliding-window stride (default: two thirds of the window).",
                        testTime = true)
                PixelSize testStride)
        implements TaskOptions {

    /** The trained scale, no flip, whole images. */
    public static final SegmentationOptions DEFAULTS =
            new SegmentationOptions(List.of(1f), false, null, null);

    /** Checks the scales and that a stride comes with a window. */
    public SegmentationOptions {
        if (testScales == null || testScales.isEmpty()) {
            throw new IllegalArgumentException("--test-scales needs at least one scale");
        }
        for (Float scale : testScales) {
            if (scale == null || !(scale > 0) || !Float.isFinite(scale)) {
                throw new IllegalArgumentException(
                        "--test-scales must be positive numbers, got " + testScales);
            }
        }
        testScales = List.copyOf(testScales);
        if (testStride != null && testCrop == null) {
            throw new IllegalArgumentException(
                    "--test-stride " + testStride + " needs --test-crop (the window it slides)");
        }
    }

    /** Whether these options ask for any test-time augmentation. */
    public boolean isPlain() {
        return testScales.equals(List.of(1f)) && !testFlip && testCrop == null;
    }
}
