package org.infopro.segmentation.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.function.Function;
import org.infopro.core.config.PixelSize;
import org.infopro.core.nn.Resize;
import org.infopro.core.spi.Inference;

/**
 * mmsegmentation's test-time inference: for every scale (and its horizontal flip, if asked) the
 * input is resized, predicted whole or by overlapping sliding windows, and the logits are resized
 * back to the input's size; the softmax probabilities of all these views are averaged.
 *
 * <p>Inputs are resized as tensors, bilinearly with aligned corners (mmsegmentation resizes the
 * decoded image with OpenCV before normalising; the difference is sub-pixel).
 */
public final class SegmentationInference implements Inference {

    private final float[] scales;
    private final boolean flip;
    private final int[] window;
    private final int[] stride;

    /**
     * @param scales input scales, e.g. {0.5, 0.75, 1, 1.25, 1.5, 1.75}
     * @param flip also predict on horizontally flipped inputs
     * @param window sliding window {height, width}, or null for whole-image inference
     * @param stride sliding stride {height, width}; null = two thirds of the window
     */
    public SegmentationInference(float[] scales, boolean flip, int[] window, int[] stride) {
        if (scales.length == 0) {
            throw new IllegalArgumentException("Give at least one test scale");
        }
        for (float scale : scales) {
            if (!(scale > 0)) {
                throw new IllegalArgumentException(
                        "Test scales must be positive, got " + Arrays.toString(scales));
            }
        }
        this.scales = scales.clone();
        this.flip = flip;
        this.window = window == null ? null : window.clone();
        this.stride =
                window == null
                        ? null
                        : stride != null
                                ? stride.clone()
                                : new int[] {
                                    Math.max(1, window[0] * 2 / 3), Math.max(1, window[1] * 2 / 3)
                                };
    }

    /**
     * Inference with these options; a plain forward when they ask for no test-time augmentation.
     */
    public static Inference of(SegmentationOptions options) {
        if (options.isPlain()) {
            return Inference.PLAIN;
        }
        float[] scales = new float[options.testScales().size()];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = options.testScales().get(i);
        }
        return new SegmentationInference(
                scales, options.testFlip(), array(options.testCrop()), array(options.testStride()));
    }

    private static int[] array(PixelSize size) {
        return size == null ? null : new int[] {size.height(), size.width()};
    }

    /**
     * @return the averaged class probabilities (N, C, H, W) at the input's size
     */
    @Override
    public NDList predict(Function<NDArray, NDList> forward, NDArray input) {
        int height = (int) input.getShape().get(2);
        int width = (int) input.getShape().get(3);
        NDManager owner = input.getManager();
        NDArray sum = null;
        int views = 0;
        for (float scale : scales) {
            for (int f = 0; f < (flip ? 2 : 1); f++) {
                // DJL frees intermediates only with their manager: one scope per view keeps a
                // single view's activations alive, not all of them.
                try (NDManager view = owner.newSubManager()) {
                    input.tempAttach(view);
                    NDArray probabilities =
                            viewProbabilities(forward, input, scale, f == 1, height, width);
                    if (sum == null) {
                        sum = probabilities;
                        sum.attach(owner);
                    } else {
                        sum.addi(probabilities);
                    }
                }
                views++;
            }
        }
        return new NDList(sum.divi(views));
    }

    private NDArray viewProbabilities(
            Function<NDArray, NDList> forward,
            NDArray input,
            float scale,
            boolean flipped,
            int height,
            int width) {
        NDArray scaled =
                Resize.bilinearAlignCorners(
                        input, Math.round(height * scale), Math.round(width * scale));
        NDArray logits = logits(forward, flipped ? scaled.flip(3) : scaled);
        if (flipped) {
            logits = logits.flip(3);
        }
        return Resize.bilinearAlignCorners(logits, height, width).softmax(1);
    }

    /** Logits at the size of {@code x}. */
    private NDArray logits(Function<NDArray, NDList> forward, NDArray x) {
        return window == null ? whole(forward, x) : slide(forward, x);
    }

    private static NDArray whole(Function<NDArray, NDList> forward, NDArray x) {
        return Resize.bilinearAlignCorners(
                forward.apply(x).head(), (int) x.getShape().get(2), (int) x.getShape().get(3));
    }

    /**
     * Overlapping windows laid as mmsegmentation lays them (the last window of a row or column
     * flush with the border); each pixel's logits are the mean over the windows covering it.
     */
    private NDArray slide(Function<NDArray, NDList> forward, NDArray x) {
        int height = (int) x.getShape().get(2);
        int width = (int) x.getShape().get(3);
        NDManager owner = x.getManager();
        int[] rows = windowStarts(height, window[0], stride[0]);
        int[] columns = windowStarts(width, window[1], stride[1]);
        NDArray sum = null;
        float[] counts = new float[height * width];
        for (int top : rows) {
            int bottom = Math.min(top + window[0], height);
            for (int left : columns) {
                int right = Math.min(left + window[1], width);
                NDIndex region = new NDIndex(":, :, {}:{}, {}:{}", top, bottom, left, right);
                try (NDManager scope = owner.newSubManager()) {
                    x.tempAttach(scope);
                    NDArray logits = whole(forward, x.get(region));
                    if (sum == null) {
                        Shape shape = logits.getShape();
                        sum = owner.zeros(new Shape(shape.get(0), shape.get(1), height, width));
                    }
                    sum.tempAttach(scope);
                    sum.set(region, sum.get(region).add(logits));
                }
                for (int y = top; y < bottom; y++) {
                    for (int col = left; col < right; col++) {
                        counts[y * width + col]++;
                    }
                }
            }
        }
        return sum.div(owner.create(counts, new Shape(1, 1, height, width)));
    }

    /** Window origins along one axis: every {@code stride}, the last one ending at the border. */
    static int[] windowStarts(int length, int window, int stride) {
        int grids = Math.max(length - window + stride - 1, 0) / stride + 1;
        int[] starts = new int[grids];
        for (int i = 0; i < grids; i++) {
            int end = Math.min(i * stride + window, length);
            starts[i] = Math.max(end - window, 0);
        }
        return starts;
    }
}
