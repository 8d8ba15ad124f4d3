package org.infopro.detection.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.infopro.core.loss.Losses;
import org.infopro.core.nn.NativeArrays;
import org.infopro.core.nn.Scalars;
import org.infopro.detection.ops.Anchors;
import org.infopro.detection.ops.BoxCoder;
import org.infopro.detection.ops.Boxes;
import org.infopro.detection.ops.Nms;

/**
 * The region proposal network's logic around its {@link RpnHead}: anchors on every pyramid level,
 * target assignment (IoU 0.7 / 0.3, every object's best anchors positive), 256 anchors sampled per
 * image at 1:1, BCE objectness and L1 box losses averaged over the sampled anchors, and proposal
 * decoding: top-k anchors per level, decoding, clipping, NMS 0.7 within each level, top proposals
 * per image.
 */
final class RegionProposals {

    private final RpnHead head;
    private final DetectorSpec spec;
    private final MaxIouAssigner assigner;

    RegionProposals(RpnHead head, DetectorSpec spec) {
        this.head = head;
        this.spec = spec;
        this.assigner = new MaxIouAssigner(0.7f, 0.3f, 0.3f, spec.rpnSamples(), 0.5f);
    }

    /** The head's outputs over all levels, with the anchors they refer to. */
    record Output(NDArray objectness, NDArray deltas, NDArray anchors, int[] levelSizes) {}

    Output run(ParameterStore ps, NDList pyramid, boolean training) {
        NDList objectness = new NDList();
        NDList deltas = new NDList();
        NDList anchors = new NDList();
        int[] sizes = new int[pyramid.size()];
        for (int l = 0; l < pyramid.size(); l++) {
            NDArray level = pyramid.get(l);
            NDList out = head.forward(ps, new NDList(level), training);
            objectness.add(out.get(0));
            deltas.add(out.get(1));
            Shape s = level.getShape();
            anchors.add(
                    Anchors.grid(
                            level.getManager(), (int) s.get(2), (int) s.get(3), Fpn.STRIDES[l]));
            sizes[l] = (int) out.get(0).getShape().get(1);
        }
        return new Output(
                NDArrays.concat(objectness, 1),
                NDArrays.concat(deltas, 1),
                NDArrays.concat(anchors, 0),
                sizes);
    }

    /** The RPN losses {@code rpn_cls}, {@code rpn_bbox}. */
    NDArray[] loss(Output out, List<ImageTargets> images, Random random) {
        long total = out.anchors().getShape().get(0);
        List<Long> sampled = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        List<Long> positives = new ArrayList<>();
        NDList targetDeltas = new NDList();
        for (int n = 0; n < images.size(); n++) {
            ImageTargets image = images.get(n);
            MaxIouAssigner.Sample sample = assigner.assign(out.anchors(), image.boxes(), random);
            for (int i : sample.positives()) {
                sampled.add(n * total + i);
                labels.add(1f);
                positives.add(n * total + i);
            }
            for (int i : sample.negatives()) {
                sampled.add(n * total + i);
                labels.add(0f);
            }
            if (sample.positives().length > 0) {
                NDManager m = out.anchors().getManager();
                NDArray anchors = out.anchors().get(indices(m, sample.positives()));
                NDArray objects = image.boxes().get(indices(m, sample.positiveObjects()));
                targetDeltas.add(BoxCoder.RPN.encode(anchors, objects));
            }
        }
        NDManager m = out.objectness().getManager();
        float count = Math.max(1, sampled.size());
        NDArray logits = out.objectness().flatten().get(NativeArrays.owned(m, toLongs(sampled)));
        NDArray cls =
                Losses.binaryCrossEntropyWithLogits(
                        logits, NativeArrays.owned(m, toFloats(labels), new Shape(labels.size())));
        NDArray bbox;
        if (positives.isEmpty()) {
            bbox = Scalars.mul(out.deltas().sum(), 0); // keeps the graph, contributes nothing
        } else {
            NDArray predicted =
                    out.deltas().reshape(-1, 4).get(NativeArrays.owned(m, toLongs(positives)));
            bbox = Scalars.div(predicted.sub(NDArrays.concat(targetDeltas, 0)).abs().sum(), count);
        }
        return new NDArray[] {cls, bbox};
    }

    /**
     * Proposals per image, detached.
     *
     * @param height the padded input's height (proposals are clipped to it)
     * @param width the padded input's width
     */
    List<NDArray> proposals(Output out, int height, int width, boolean training) {
        int preNms = training ? spec.rpnPreNmsTrain() : spec.rpnPreNmsTest();
        NDArray scores = out.objectness().stopGradient(); // (B, A)
        NDManager m = scores.getManager();
        int n = (int) scores.getShape().get(0);
        long total = scores.getShape().get(1);
        // Every image's anchors decoded at once: (B·A, 4), image-major.
        NDArray anchors = out.anchors().expandDims(0).repeat(0, n).reshape(-1, 4);
        NDArray decoded = BoxCoder.RPN.decode(anchors, out.deltas().stopGradient().reshape(-1, 4));
        NDList boxes = new NDList();
        NDList kept = new NDList();
        NDList levels = new NDList();
        NDArray imageOffsets =
                m.arange(0, (int) (n * total), (int) total, DataType.INT64).expandDims(1);
        int start = 0;
        for (int l = 0; l < out.levelSizes().length; l++) {
            int size = out.levelSizes()[l];
            int k = Math.min(preNms, size);
            NDList top = scores.get(":, " + start + ":" + (start + size)).topK(k, 1, true, true);
            NDArray rows = top.get(1).add(start).add(imageOffsets).flatten(); // (B·k)
            boxes.add(decoded.get(rows).reshape(n, k, 4));
            kept.add(top.get(0));
            levels.add(m.full(new Shape(k), l, DataType.INT64));
            start += size;
        }
        NDArray all = NDArrays.concat(boxes, 1); // (B, N, 4)
        long candidates = all.getShape().get(1);
        all = Boxes.clip(all.reshape(-1, 4), height, width).reshape(n, candidates, 4);
        NDArray sizes = Boxes.sizes(all.reshape(-1, 4));
        NDArray valid =
                sizes.get(":, 0").gt(0).logicalAnd(sizes.get(":, 1").gt(0)).reshape(n, candidates);
        // NMS within each level: levels are moved apart so that they cannot overlap.
        NDArray separated = Nms.separated(all, NDArrays.concat(levels, 0));
        List<NDArray> keep =
                Nms.perImage(
                        separated,
                        NDArrays.concat(kept, 1),
                        valid,
                        DetectorSpec.RPN_NMS,
                        spec.proposals());
        List<NDArray> proposals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // NMS returns indices by descending score: the best proposals come first.
            proposals.add(all.get(i).get(keep.get(i)));
        }
        return proposals;
    }

    /** An int64 index array, as gathers expect. */
    static NDArray indices(NDManager manager, int[] values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i];
        }
        return manager.create(longs);
    }

    static long[] toLongs(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    static float[] toFloats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
