package org.infopro.video.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * TSM's temporal shift (offline, bi-directional) on features of clips folded into the batch: input
 * (N·T, C, H, W), frames of a clip consecutive. The first {@code C/foldDiv} channels of frame t
 * take frame t+1's values (zero at the last frame), the next {@code C/foldDiv} take frame t−1's
 * (zero at the first), the rest stay. It has no parameters and costs only data movement.
 *
 * <p>With one segment there is no neighbouring frame to exchange with, so the shift is the identity
 * (rather than zeroing a quarter of the channels).
 */
public final class TemporalShift extends AbstractBlock {

    private final int segments;
    private final int foldDiv;

    /**
     * @param segments frames per clip, T
     * @param foldDiv channels are shifted in folds of C/foldDiv each way (8 in TSM)
     */
    public TemporalShift(int segments, int foldDiv) {
        if (segments < 1 || foldDiv < 2) {
            throw new IllegalArgumentException(
                    "Need segments >= 1 and foldDiv >= 2, got " + segments + ", " + foldDiv);
        }
        this.segments = segments;
        this.foldDiv = foldDiv;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return new NDList(shift(inputs.head()));
    }

    /** The shifted features, same shape as {@code x}. */
    public NDArray shift(NDArray x) {
        Shape shape = x.getShape();
        long frames = shape.get(0);
        if (frames % segments != 0) {
            throw new IllegalArgumentException(
                    "Batch of "
                            + frames
                            + " frames is not a whole number of "
                            + segments
                            + "-frame clips");
        }
        long fold = shape.get(1) / foldDiv;
        if (segments == 1 || fold == 0) {
            return x;
        }
        long clips = frames / segments;
        long c = shape.get(1);
        long h = shape.get(2);
        long w = shape.get(3);
        NDArray clip = x.reshape(clips, segments, c, h, w);
        NDArray edge = x.getManager().zeros(new Shape(clips, 1, fold, h, w), x.getDataType());
        NDArray fromNext = NDArrays.concat(new NDList(clip.get(":, 1:, :{}", fold), edge), 1);
        NDArray fromPrevious =
                NDArrays.concat(new NDList(edge, clip.get(":, :-1, {}:{}", fold, 2 * fold)), 1);
        NDArray unshifted = clip.get(":, :, {}:", 2 * fold);
        return NDArrays.concat(new NDList(fromNext, fromPrevious, unshifted), 2).reshape(shape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
