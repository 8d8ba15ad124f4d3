package org.infopro.detection.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.infopro.core.objective.LossTerms;
import org.infopro.detection.data.DetectionTargets;
import org.infopro.detection.ops.Anchors;

/**
 * Everything of a Faster / Mask R-CNN after the backbone, as the final module's task head: FPN
 * neck, RPN, RoI box head and (Mask R-CNN) mask head.
 *
 * <p>Input: (C2, C3, C4, C5). {@link #forward} is inference and returns the detections (see {@link
 * RoiHeads#detect}); {@link #loss} is training, which needs the ground truth to assign anchors and
 * sample proposals.
 */
public final class TwoStageHead extends AbstractBlock {

    private final Fpn fpn;
    private final RpnHead rpnHead;
    private final BoxHead boxHead;
    private final MaskHead maskHead;
    private final RegionProposals rpn;
    private final RoiHeads roiHeads;
    private final DetectorSpec spec;
    private final int classes;
    // Draws the RPN's and RoI heads' samples; seeded, so a run is reproducible.
    private final Random random = new Random(0);

    /**
     * @param spec the detector's settings
     * @param levels backbone levels feeding the FPN (4)
     * @param classes object classes
     */
    public TwoStageHead(DetectorSpec spec, int levels, int classes) {
        this.spec = spec;
        this.classes = classes;
        int c = spec.fpnChannels();
        fpn = addChildBlock("neck", new Fpn(levels, c));
        rpnHead = addChildBlock("rpn_head", new RpnHead(c, Anchors.perLocation()));
        int pooled = c * DetectorSpec.BOX_ROI * DetectorSpec.BOX_ROI;
        boxHead = addChildBlock("bbox_head", new BoxHead(pooled, spec.fcWidth(), classes));
        maskHead =
                spec.masks()
                        ? addChildBlock("mask_head", new MaskHead(spec.maskWidth(), classes))
                        : null;
        rpn = new RegionProposals(rpnHead, spec);
        roiHeads = new RoiHeads(boxHead, maskHead, classes, spec);
    }

    Fpn fpn() {
        return fpn;
    }

    RpnHead rpnHead() {
        return rpnHead;
    }

    BoxHead boxHead() {
        return boxHead;
    }

    /** The mask head, or null for Faster R-CNN. */
    MaskHead maskHead() {
        return maskHead;
    }

    /** The detector's settings. */
    public DetectorSpec spec() {
        return spec;
    }

    /**
     * The training losses: {@code rpn_cls}, {@code rpn_bbox}, {@code cls}, {@code bbox} and, for
     * Mask R-CNN, {@code mask}; their sum is the total.
     */
    public LossTerms loss(ParameterStore ps, NDList features, DetectionTargets targets) {
        NDList pyramid = fpn.forward(ps, features, true);
        NDManager manager = pyramid.head().getManager();
        List<ImageTargets> images = ImageTargets.of(targets, manager);
        RegionProposals.Output out = rpn.run(ps, pyramid, true);
        NDArray[] rpnLoss = rpn.loss(out, images, random);
        long[] size = inputSize(pyramid);
        List<NDArray> proposals = rpn.proposals(out, (int) size[0], (int) size[1], true);
        Map<String, NDArray> parts = new LinkedHashMap<>();
        parts.put("rpn_cls", rpnLoss[0]);
        parts.put("rpn_bbox", rpnLoss[1]);
        parts.putAll(roiHeads.loss(ps, pyramid, proposals, images, targets.masks(), random));
        NDArray total = null;
        for (NDArray part : parts.values()) {
            total = total == null ? part : total.add(part);
        }
        return new LossTerms(total, parts);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList pyramid = fpn.forward(ps, inputs, false);
        RegionProposals.Output out = rpn.run(ps, pyramid, false);
        long[] size = inputSize(pyramid);
        List<NDArray> proposals = rpn.proposals(out, (int) size[0], (int) size[1], false);
        return roiHeads.detect(ps, pyramid, proposals, (int) size[0], (int) size[1]);
    }

    /** The padded input's size, four times P2's (inputs are padded to a multiple of 32). */
    private static long[] inputSize(NDList pyramid) {
        Shape p2 = pyramid.head().getShape();
        return new long[] {p2.get(2) * Fpn.STRIDES[0], p2.get(3) * Fpn.STRIDES[0]};
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        int d = DetectorSpec.MAX_DETECTIONS;
        int mask = 2 * DetectorSpec.MASK_ROI;
        Shape[] detections = {new Shape(n, d, 4), new Shape(n, d), new Shape(n, d)};
        if (!spec.masks()) {
            return detections;
        }
        return new Shape[] {
            detections[0], detections[1], detections[2], new Shape(n, d, mask, mask)
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        fpn.initialize(manager, dataType, inputShapes);
        Shape p2 = fpn.getOutputShapes(inputShapes)[0];
        rpnHead.initialize(manager, dataType, p2);
        int c = spec.fpnChannels();
        boxHead.initialize(
                manager, dataType, new Shape(1, c, DetectorSpec.BOX_ROI, DetectorSpec.BOX_ROI));
        if (maskHead != null) {
            maskHead.initialize(
                    manager,
                    dataType,
                    new Shape(1, c, DetectorSpec.MASK_ROI, DetectorSpec.MASK_ROI));
        }
    }

    /** Object classes. */
    public int classes() {
        return classes;
    }
}
