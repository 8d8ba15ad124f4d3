package org.infopro.detection.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.weights.TensorLayout;
import org.infopro.core.weights.WeightGroup;

/**
 * The PyTorch names of a two-stage head's weights (FPN, RPN, box head and mask head), as
 * mmdetection's {@code faster_rcnn_r50_fpn} / {@code mask_rcnn_r50_fpn} and torchvision's {@code
 * fasterrcnn_resnet50_fpn} / {@code maskrcnn_resnet50_fpn} checkpoints hold them.
 *
 * <p>Our head is mmdetection's, so its names map one to one. torchvision's computes the same
 * functions from differently laid out tensors, which are converted: its class scores put the
 * background first (ours last), its box deltas and mask logits have a row for the background that
 * ours lack (left out when loading, written as zeros), and its mask upsampling is a {@code
 * ConvTranspose2d} weight (see {@link Deconv2x2#TORCH_WEIGHT}).
 */
public final class DetectorWeights {

    /** Whose names a checkpoint has. */
    public enum Naming {
        MMDETECTION,
        TORCHVISION;

        /**
         * By where the backbone's weights sit in the file: torchvision's detectors keep them under
         * {@code backbone.body.}, mmdetection's under {@code backbone.}.
         */
        public static Naming ofBackbonePrefix(String prefix) {
            return prefix.equals("backbone.body.") ? TORCHVISION : MMDETECTION;
        }
    }

    /** torchvision's class scores: background first, ours last. */
    private static final TensorLayout BACKGROUND_FIRST =
            new TensorLayout() {
                @Override
                public NDArray toOurs(NDArray source) {
                    try (NDArray background = source.get(":1");
                            NDArray objects = source.get("1:")) {
                        return objects.concat(background, 0);
                    }
                }

                @Override
                public NDArray toSource(NDArray ours) {
                    long last = ours.getShape().get(0) - 1;
                    try (NDArray objects = ours.get(":" + last);
                            NDArray background = ours.get(last + ":")) {
                        return background.concat(objects, 0);
                    }
                }
            };

    private DetectorWeights() {}

    /** The head's weights under {@code naming}'s names, in that library's order. */
    public static List<WeightGroup> groups(TwoStageHead head, Naming naming) {
        return naming == Naming.TORCHVISION ? torchvision(head) : mmdetection(head);
    }

    private static List<WeightGroup> mmdetection(TwoStageHead head) {
        List<WeightGroup> groups = new ArrayList<>();
        Fpn fpn = head.fpn();
        for (int i = 0; i < fpn.levels(); i++) {
            groups.add(plain("neck.lateral" + (i + 2), fpn.lateral(i), "neck.lateral_convs." + i));
        }
        for (int i = 0; i < fpn.levels(); i++) {
            groups.add(plain("neck.output" + (i + 2), fpn.output(i), "neck.fpn_convs." + i));
        }
        List<Block> rpn = head.rpnHead().convs();
        groups.add(WeightGroup.weightAndBias("rpn_head.conv", rpn.get(0), "rpn_head.rpn_conv"));
        groups.add(WeightGroup.weightAndBias("rpn_head.cls", rpn.get(1), "rpn_head.rpn_cls"));
        groups.add(WeightGroup.weightAndBias("rpn_head.reg", rpn.get(2), "rpn_head.rpn_reg"));
        List<Block> box = head.boxHead().layers();
        String boxes = "roi_head.bbox_head.";
        groups.add(WeightGroup.weightAndBias("bbox_head.fc1", box.get(0), boxes + "shared_fcs.0"));
        groups.add(WeightGroup.weightAndBias("bbox_head.fc2", box.get(1), boxes + "shared_fcs.1"));
        groups.add(WeightGroup.weightAndBias("bbox_head.cls", box.get(2), boxes + "fc_cls"));
        groups.add(WeightGroup.weightAndBias("bbox_head.reg", box.get(3), boxes + "fc_reg"));
        if (head.maskHead() != null) {
            List<Block> mask = head.maskHead().layers();
            String masks = "roi_head.mask_head.";
            for (int i = 0; i < 4; i++) {
                groups.add(plain("mask_head.conv" + i, mask.get(i), masks + "convs." + i));
            }
            groups.add(
                    WeightGroup.weightAndBias("mask_head.upsample", mask.get(4), masks + "upsample")
                            .withLayout("weight", Deconv2x2.TORCH_WEIGHT));
            groups.add(
                    WeightGroup.weightAndBias(
                            "mask_head.logits", mask.get(5), masks + "conv_logits"));
        }
        return groups;
    }

    private static List<WeightGroup> torchvision(TwoStageHead head) {
        List<WeightGroup> groups = new ArrayList<>();
        Fpn fpn = head.fpn();
        for (int i = 0; i < fpn.levels(); i++) {
            String module = "backbone.fpn.inner_blocks." + i;
            groups.add(wrapped("neck.lateral" + (i + 2), fpn.lateral(i), module, module));
        }
        for (int i = 0; i < fpn.levels(); i++) {
            String module = "backbone.fpn.layer_blocks." + i;
            groups.add(wrapped("neck.output" + (i + 2), fpn.output(i), module, module));
        }
        List<Block> rpn = head.rpnHead().convs();
        groups.add(wrapped("rpn_head.conv", rpn.get(0), "rpn.head.conv.0", "rpn.head.conv"));
        groups.add(WeightGroup.weightAndBias("rpn_head.cls", rpn.get(1), "rpn.head.cls_logits"));
        groups.add(WeightGroup.weightAndBias("rpn_head.reg", rpn.get(2), "rpn.head.bbox_pred"));
        List<Block> box = head.boxHead().layers();
        groups.add(
                WeightGroup.weightAndBias("bbox_head.fc1", box.get(0), "roi_heads.box_head.fc6"));
        groups.add(
                WeightGroup.weightAndBias("bbox_head.fc2", box.get(1), "roi_heads.box_head.fc7"));
        groups.add(
                bothLaidOut(
                        WeightGroup.weightAndBias(
                                "bbox_head.cls", box.get(2), "roi_heads.box_predictor.cls_score"),
                        BACKGROUND_FIRST));
        groups.add(
                bothLaidOut(
                        WeightGroup.weightAndBias(
                                "bbox_head.reg", box.get(3), "roi_heads.box_predictor.bbox_pred"),
                        withBackgroundRows(4)));
        if (head.maskHead() != null) {
            List<Block> mask = head.maskHead().layers();
            for (int i = 0; i < 4; i++) {
                groups.add(
                        wrapped(
                                "mask_head.conv" + i,
                                mask.get(i),
                                "roi_heads.mask_head." + i,
                                "roi_heads.mask_head.mask_fcn" + (i + 1)));
            }
            groups.add(
                    WeightGroup.weightAndBias(
                                    "mask_head.upsample",
                                    mask.get(4),
                                    "roi_heads.mask_predictor.conv5_mask")
                            .withLayout("weight", Deconv2x2.TORCH_WEIGHT));
            groups.add(
                    bothLaidOut(
                            WeightGroup.weightAndBias(
                                    "mask_head.logits",
                                    mask.get(5),
                                    "roi_heads.mask_predictor.mask_fcn_logits"),
                            withBackgroundRows(1)));
        }
        return groups;
    }

    /** mmcv's {@code ConvModule} without a norm: the convolution is its {@code conv}. */
    private static WeightGroup plain(String name, Block conv, String module) {
        return WeightGroup.weightAndBias(name, conv, module + ".conv");
    }

    /**
     * torchvision's {@code Conv2dNormActivation} without a norm: the convolution is its {@code 0}.
     * Before torchvision 0.13 the convolution itself was the module {@code legacy} ({@code
     * inner_blocks.0}, {@code rpn.head.conv}, {@code mask_head.mask_fcn1}), whose tensors a file
     * without the current names is matched with in order.
     */
    private static WeightGroup wrapped(String name, Block conv, String module, String legacy) {
        return new WeightGroup(
                name,
                conv,
                java.util.stream.Stream.of(module + ".", legacy + ".").distinct().toList(),
                List.of(module + ".0.weight", module + ".0.bias"));
    }

    private static WeightGroup bothLaidOut(WeightGroup group, TensorLayout layout) {
        return group.withLayout("weight", layout).withLayout("bias", layout);
    }

    /**
     * torchvision's first {@code rows} rows belong to the background class, which our box deltas
     * and mask logits do not have: dropped when loading, zeros when writing.
     */
    private static TensorLayout withBackgroundRows(int rows) {
        return new TensorLayout() {
            @Override
            public NDArray toOurs(NDArray source) {
                try (NDArray objects = source.get(rows + ":")) {
                    return objects.duplicate();
                }
            }

            @Override
            public NDArray toSource(NDArray ours) {
                Shape s = ours.getShape();
                long[] dims = s.getShape();
                dims[0] = rows;
                try (NDArray zeros = ours.getManager().zeros(new Shape(dims), ours.getDataType())) {
                    return zeros.concat(ours, 0);
                }
            }
        };
    }
}
