package org.infopro.video.model;

import java.util.List;
import java.util.Map;
import org.infopro.core.model.ImageNetResNet;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.LambdaSchedule;

/**
 * An ImageNet-style ResNet over frames folded into the batch (N·T, 3, H, W), with TSM's residual
 * shift: every residual branch starts with a {@link TemporalShift} (1/8 of the channels each way)
 * while the shortcut carries the unshifted features. Without the shift it is the TSN backbone, the
 * temporal baseline: the same network, frames processed independently.
 */
public final class TsmResNet extends ImageNetResNet {

    /**
     * @param name registry name
     * @param frame per-frame input shape
     * @param depth block layout
     * @param width channels of the stem and first stage before expansion (64 as published)
     * @param segments frames per clip T; 0 builds TSN (no shift)
     * @param splitTables chosen splits by table name and K
     * @param lambdas the λ schedule of every table, or null
     */
    public TsmResNet(
            String name,
            FeatureShape frame,
            Depth depth,
            int width,
            int segments,
            Map<String, Map<Integer, List<String>>> splitTables,
            LambdaSchedule lambdas) {
        super(
                name,
                frame,
                depth,
                width,
                segments > 0 ? () -> new TemporalShift(segments, 8) : null,
                splitTables,
                lambdas);
    }
}
