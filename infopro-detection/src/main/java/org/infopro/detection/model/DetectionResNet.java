package org.infopro.detection.model;

import java.util.List;
import java.util.Map;
import org.infopro.core.model.ImageNetResNet;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.LambdaSchedule;

/**
 * The backbone of a two-stage detector: an ImageNet-style ResNet whose stage ends C2–C4 are tapped
 * for the FPN beside its last output C5, carrying the {@link DetectorSpec} of the heads built on
 * it. BatchNorm is trained (no ImageNet weights to freeze it at).
 */
public final class DetectionResNet extends ImageNetResNet {

    private final DetectorSpec spec;

    /**
     * @param name registry name, mmdetection's model name (e.g. {@code mask_rcnn_r50_fpn})
     * @param input the input shape used for initialisation (images may differ in size)
     * @param depth block layout
     * @param width first-stage width (64 as published)
     * @param spec the detector's heads
     * @param splits the {@code infopro} split table
     * @param lambdas λ of the local modules
     */
    public DetectionResNet(
            String name,
            FeatureShape input,
            Depth depth,
            int width,
            DetectorSpec spec,
            Map<String, Map<Integer, List<String>>> splits,
            LambdaSchedule lambdas) {
        super(name, input, depth, width, null, splits, lambdas);
        this.spec = spec;
    }

    /** The heads' settings. */
    public DetectorSpec spec() {
        return spec;
    }

    /** C2, C3 and C4, the ends of layer1–3; C5 is the last output. */
    @Override
    public List<String> taps() {
        return List.of(stageEnd(1), stageEnd(2), stageEnd(3));
    }
}
