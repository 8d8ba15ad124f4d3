package org.infopro.detection.model;

/**
 * The head settings of a two-stage detector: mmdetection's {@code faster_rcnn_r50_fpn} / {@code
 * mask_rcnn_r50_fpn} values in {@link #published}, and a narrow variant for CPU runs.
 *
 * @param masks whether the detector has the Mask R-CNN mask branch
 * @param fpnChannels FPN output channels (256)
 * @param fcWidth width of the box head's two fully connected layers (1024)
 * @param maskWidth channels of the mask head's convolutions (256)
 * @param rpnPreNmsTrain top-scoring anchors per level kept before NMS in training (2000)
 * @param rpnPreNmsTest the same at test time (1000)
 * @param proposals proposals kept per image after NMS (1000)
 * @param rpnSamples anchors sampled per image for the RPN loss (256, half positive)
 * @param roiSamples proposals sampled per image for the RoI losses (512, a quarter positive)
 */
public record DetectorSpec(
        boolean masks,
        int fpnChannels,
        int fcWidth,
        int maskWidth,
        int rpnPreNmsTrain,
        int rpnPreNmsTest,
        int proposals,
        int rpnSamples,
        int roiSamples) {

    /** RPN NMS threshold. */
    public static final float RPN_NMS = 0.7f;

    /** Test-time per-class score threshold. */
    public static final float SCORE_THRESHOLD = 0.05f;

    /** Test-time per-class NMS threshold. */
    public static final float TEST_NMS = 0.5f;

    /** Detections kept per image. */
    public static final int MAX_DETECTIONS = 100;

    /** RoIAlign output size of the box head. */
    public static final int BOX_ROI = 7;

    /** RoIAlign output size of the mask head (its masks are twice this). */
    public static final int MASK_ROI = 14;

    /** The published settings. */
    public static DetectorSpec published(boolean masks) {
        return new DetectorSpec(masks, 256, 1024, 256, 2000, 1000, 1000, 256, 512);
    }

    /**
     * A narrow variant for CPU runs on small scenes: a quarter of the widths (an eighth in the mask
     * head, whose four convolutions on every positive RoI otherwise cost more than the rest of the
     * detector together); 300 anchors per level before NMS and 300 proposals per image, in training
     * as at test time (a 128-pixel image has about 4000 anchors, and a scene at most six objects);
     * and 128 RoIs sampled per image, a common setting for small datasets, which a quarter-positive
     * ratio still fills with every matched proposal early in training.
     */
    public static DetectorSpec narrow(boolean masks) {
        return new DetectorSpec(masks, 64, 256, 32, 300, 300, 300, 256, 128);
    }

    /** mmdetection's model name prefix. */
    public String modelName() {
        return masks ? "mask_rcnn" : "faster_rcnn";
    }
}
