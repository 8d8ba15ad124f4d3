package org.infopro.detection.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.infopro.core.loss.Losses;
import org.infopro.core.nn.NativeArrays;
import org.infopro.core.nn.Scalars;
import org.infopro.detection.ops.BoxCoder;
import org.infopro.detection.ops.Boxes;
import org.infopro.detection.ops.Nms;
import org.infopro.detection.ops.RoiAlign;

/**
 * The RoI heads' logic around the {@link BoxHead} and {@link MaskHead}.
 *
 * <p>Training: the ground-truth boxes join the proposals, which are assigned at IoU 0.5 and sampled
 * 512 per image with at most a quarter positive; losses are cross-entropy over the sampled RoIs, L1
 * on the positives' deltas for their class (summed, divided by the sampled count), and for masks
 * per-pixel BCE of the positives' class channel against their object's mask cut out by RoIAlign at
 * 28×28 and thresholded at 0.5.
 *
 * <p>Inference: softmax scores; per class, boxes decoded from the class's deltas and clipped;
 * scores above 0.05; NMS 0.5 within each class; the best 100 per image; masks for those boxes.
 */
final class RoiHeads {

    private final BoxHead boxHead;
    private final MaskHead maskHead;
    private final int classes;
    private final MaxIouAssigner assigner;
    private final MultiLevelRoiAlign boxPool = new MultiLevelRoiAlign(DetectorSpec.BOX_ROI);
    private final MultiLevelRoiAlign maskPool = new MultiLevelRoiAlign(DetectorSpec.MASK_ROI);
    private final RoiAlign maskTargets = new RoiAlign(2 * DetectorSpec.MASK_ROI, 1f, 2, true);

    /**
     * @param maskHead the mask branch, or null for Faster R-CNN
     */
    RoiHeads(BoxHead boxHead, MaskHead maskHead, int classes, DetectorSpec spec) {
        this.boxHead = boxHead;
        this.maskHead = maskHead;
        this.classes = classes;
        this.assigner = new MaxIouAssigner(0.5f, 0.5f, -1f, spec.roiSamples(), 0.25f);
    }

    /** The RoI losses {@code cls}, {@code bbox} and (Mask R-CNN) {@code mask}. */
    Map<String, NDArray> loss(
            ParameterStore ps,
            NDList pyramid,
            List<NDArray> proposals,
            List<ImageTargets> images,
            NDArray masks,
            Random random) {
        NDManager m = pyramid.head().getManager();
        Sampled sampled = sample(proposals, images, m, random);
        List<Long> labels = sampled.labels();
        NDArray allRois = NDArrays.concat(sampled.rois(), 0);
        long[] imageOf = RegionProposals.toLongs(sampled.images());
        NDList out =
                boxHead.forward(ps, new NDList(boxPool.apply(pyramid, allRois, imageOf)), true);
        // Index arrays autograd keeps must own their memory (see NativeArrays).
        NDArray labelArray = NativeArrays.owned(m, RegionProposals.toLongs(labels));
        Map<String, NDArray> losses = new LinkedHashMap<>();
        losses.put("cls", Losses.crossEntropy(out.get(0), labelArray));
        float count = labels.size();
        if (sampled.positiveRows().isEmpty()) {
            losses.put("bbox", Scalars.mul(out.get(1).sum(), 0));
            if (maskHead != null) {
                losses.put("mask", zeroMaskLoss(ps, pyramid));
            }
            return losses;
        }
        long[] rows = sampled.positiveRows().stream().mapToLong(Integer::longValue).toArray();
        long[] classRows = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            classRows[i] = rows[i] * classes + labels.get((int) rows[i]);
        }
        NDArray predicted = out.get(1).reshape(-1, 4).get(NativeArrays.owned(m, classRows));
        NDArray target = NDArrays.concat(sampled.regressionTargets(), 0);
        losses.put("bbox", Scalars.div(predicted.sub(target).abs().sum(), count));
        if (maskHead != null) {
            NDArray posRois = allRois.get(m.create(rows));
            long[] posImages = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                posImages[i] = imageOf[(int) rows[i]];
            }
            losses.put(
                    "mask",
                    maskLoss(
                            ps,
                            pyramid,
                            posRois,
                            posImages,
                            classRows,
                            rows,
                            masks,
                            RegionProposals.toLongs(sampled.positiveObjects())));
        }
        return losses;
    }

    /**
     * The RoIs drawn for the losses, positives of each image first.
     *
     * @param rois each image's sampled boxes
     * @param regressionTargets each image's positives' encoded deltas
     * @param images the image of every RoI
     * @param labels the class of every RoI (background = classes)
     * @param positiveRows the rows of the positive RoIs
     * @param positiveObjects their objects' slots in the batch's object arrays
     */
    private record Sampled(
            NDList rois,
            NDList regressionTargets,
            List<Long> images,
            List<Long> labels,
            List<Integer> positiveRows,
            List<Long> positiveObjects) {}

    /** Adds the ground truth to each image's proposals, assigns and samples them. */
    private Sampled sample(
            List<NDArray> proposals, List<ImageTargets> images, NDManager m, Random random) {
        Sampled out =
                new Sampled(
                        new NDList(),
                        new NDList(),
                        new ArrayList<>(),
                        new ArrayList<>(),
                        new ArrayList<>(),
                        new ArrayList<>());
        for (int n = 0; n < images.size(); n++) {
            ImageTargets image = images.get(n);
            NDArray candidates = NDArrays.concat(new NDList(proposals.get(n), image.boxes()), 0);
            MaxIouAssigner.Sample sample = assigner.assign(candidates, image.boxes(), random);
            int[] pos = sample.positives();
            int[] chosen = concat(pos, sample.negatives());
            NDArray boxes = candidates.get(RegionProposals.indices(m, chosen));
            out.rois().add(boxes);
            if (pos.length > 0) {
                NDArray objects =
                        image.boxes().get(RegionProposals.indices(m, sample.positiveObjects()));
                out.regressionTargets()
                        .add(BoxCoder.ROI.encode(boxes.get(":" + pos.length), objects));
            }
            int base = out.labels().size();
            for (int i = 0; i < chosen.length; i++) {
                out.images().add((long) n);
                boolean positive = i < pos.length;
                int object = positive ? sample.positiveObjects()[i] : -1;
                out.labels().add(positive ? (long) image.classes()[object] : classes);
                if (positive) {
                    out.positiveRows().add(base + i);
                    out.positiveObjects().add((long) image.slots()[object]);
                }
            }
        }
        return out;
    }

    private NDArray maskLoss(
            ParameterStore ps,
            NDList pyramid,
            NDArray rois,
            long[] images,
            long[] classRows,
            long[] rows,
            NDArray masks,
            long[] objectSlots) {
        NDManager m = rois.getManager();
        NDArray logits =
                maskHead.forward(ps, new NDList(maskPool.apply(pyramid, rois, images)), true)
                        .head();
        long p = rows.length;
        long[] channel = new long[(int) p];
        for (int i = 0; i < p; i++) {
            channel[i] = i * classes + (classRows[i] - rows[i] * classes);
        }
        int size = 2 * DetectorSpec.MASK_ROI;
        NDArray own = logits.reshape(-1, size, size).get(NativeArrays.owned(m, channel));
        Shape s = masks.getShape();
        NDArray maps = masks.reshape(s.get(0) * s.get(1), 1, s.get(2), s.get(3));
        NDArray targets =
                maskTargets
                        .apply(maps.toType(DataType.FLOAT32, false), rois, m.create(objectSlots))
                        .squeeze(1)
                        .gte(0.5f)
                        .toType(DataType.FLOAT32, false);
        return Losses.binaryCrossEntropyWithLogits(own, targets);
    }

    /** A zero that still reaches the mask head, when a batch has no positive RoI. */
    private NDArray zeroMaskLoss(ParameterStore ps, NDList pyramid) {
        NDArray x = pyramid.head().get(":1, :, :14, :14");
        return Scalars.mul(maskHead.forward(ps, new NDList(x), true).head().sum(), 0);
    }

    /**
     * Detections per image, padded to {@link DetectorSpec#MAX_DETECTIONS}: boxes (N, D, 4), scores
     * (N, D), labels (N, D) int64 (-1 for padding), and for Mask R-CNN mask probabilities (N, D,
     * 28, 28).
     */
    NDList detect(
            ParameterStore ps, NDList pyramid, List<NDArray> proposals, int height, int width) {
        NDManager m = pyramid.head().getManager();
        List<Long> roiImages = new ArrayList<>();
        for (int n = 0; n < proposals.size(); n++) {
            for (long r = 0; r < proposals.get(n).getShape().get(0); r++) {
                roiImages.add((long) n);
            }
        }
        NDArray rois = NDArrays.concat(new NDList(proposals), 0);
        NDList out =
                boxHead.forward(
                        ps,
                        new NDList(
                                boxPool.apply(pyramid, rois, RegionProposals.toLongs(roiImages))),
                        false);
        NDArray probabilities = out.get(0).softmax(1);
        int d = DetectorSpec.MAX_DETECTIONS;
        int n = proposals.size();
        NDList boxes = new NDList();
        NDList scores = new NDList();
        NDList labels = new NDList();
        NDList masks = new NDList();
        long start = 0;
        for (int i = 0; i < n; i++) {
            long r = proposals.get(i).getShape().get(0);
            String range = start + ":" + (start + r);
            NDArray[] dets =
                    perImage(
                            proposals.get(i),
                            probabilities.get(range),
                            out.get(1).get(range),
                            height,
                            width);
            start += r;
            int kept = (int) dets[0].getShape().get(0);
            boxes.add(pad(dets[0], d, 0f));
            scores.add(pad(dets[1], d, 0f));
            labels.add(pad(dets[2].toType(DataType.FLOAT32, false), d, -1f));
            if (maskHead != null) {
                masks.add(pad(masks(ps, pyramid, dets[0], dets[2], i, kept), d, 0f));
            }
        }
        NDList result =
                new NDList(
                        NDArrays.stack(boxes),
                        NDArrays.stack(scores),
                        NDArrays.stack(labels).toType(DataType.INT64, false));
        if (maskHead != null) {
            result.add(NDArrays.stack(masks));
        }
        return result;
    }

    /** {boxes (D, 4), scores (D), labels (D)} of one image. */
    private NDArray[] perImage(
            NDArray proposals, NDArray probabilities, NDArray deltas, int height, int width) {
        NDManager m = proposals.getManager();
        long r = proposals.getShape().get(0);
        NDArray references =
                proposals.expandDims(1).broadcast(new Shape(r, classes, 4)).reshape(-1, 4);
        NDArray decoded =
                Boxes.clip(BoxCoder.ROI.decode(references, deltas.reshape(-1, 4)), height, width);
        NDArray classScores = probabilities.get(":, :" + classes).flatten();
        NDArray classIds = m.arange(0, classes).toType(DataType.INT64, false).tile(r);
        NDArray candidates = classScores.gt(DetectorSpec.SCORE_THRESHOLD);
        NDArray boxes = decoded.get(candidates);
        NDArray scores = classScores.get(candidates);
        NDArray ids = classIds.get(candidates);
        NDArray keep =
                Nms.batched(boxes, scores, ids, DetectorSpec.TEST_NMS, DetectorSpec.MAX_DETECTIONS);
        return new NDArray[] {boxes.get(keep), scores.get(keep), ids.get(keep)};
    }

    /** Mask probabilities (D, 28, 28) of one image's detections, each in its class's channel. */
    private NDArray masks(
            ParameterStore ps, NDList pyramid, NDArray boxes, NDArray labels, int image, int kept) {
        int size = 2 * DetectorSpec.MASK_ROI;
        NDManager m = boxes.getManager();
        if (kept == 0) {
            return m.zeros(new Shape(0, size, size));
        }
        long[] images = new long[kept];
        java.util.Arrays.fill(images, image);
        NDArray logits =
                maskHead.forward(ps, new NDList(maskPool.apply(pyramid, boxes, images)), false)
                        .head();
        NDArray channel = m.arange(0, kept).toType(DataType.INT64, false).mul(classes).add(labels);
        return ai.djl.nn.Activation.sigmoid(logits.reshape(-1, size, size).get(channel));
    }

    /** Pads the first axis to {@code length} with {@code value}. */
    private static NDArray pad(NDArray values, int length, float value) {
        long have = values.getShape().get(0);
        if (have == length) {
            return values;
        }
        Shape rest = values.getShape().slice(1);
        long[] dims = new long[rest.dimension() + 1];
        dims[0] = length - have;
        System.arraycopy(rest.getShape(), 0, dims, 1, rest.dimension());
        NDArray filler = values.getManager().full(new Shape(dims), value, values.getDataType());
        return NDArrays.concat(new NDList(values, filler), 0);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
