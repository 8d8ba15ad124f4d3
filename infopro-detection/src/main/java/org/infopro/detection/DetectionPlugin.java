package org.infopro.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.metric.TaskMetric;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.objective.LossTerms;
import org.infopro.core.spi.TaskPlugin;
import org.infopro.core.weights.WeightGroup;
import org.infopro.detection.aux.DetectionAuxNets;
import org.infopro.detection.data.DetectionTargets;
import org.infopro.detection.eval.CocoMetric;
import org.infopro.detection.model.DetectionResNet;
import org.infopro.detection.model.DetectorSpec;
import org.infopro.detection.model.DetectorWeights;
import org.infopro.detection.model.TwoStageHead;

/**
 * Object detection and instance segmentation with Faster / Mask R-CNN: the final module carries the
 * FPN, RPN and RoI heads ({@link TwoStageHead}) with their usual losses; local modules learn from
 * {@link DetectionAuxNets}; evaluation is COCO's box (and mask) AP.
 *
 * <p>The detector is chosen with the backbone by mmdetection's model name, e.g. {@code --backbone
 * mask_rcnn_r50_fpn}.
 */
public final class DetectionPlugin implements TaskPlugin {

    /** Registry name. */
    public static final String NAME = "detection";

    private final AuxNetFactory auxNets = new DetectionAuxNets();

    @Override
    public String name() {
        return NAME;
    }

    /** A Faster R-CNN head of the published widths, for a backbone that names no detector. */
    @Override
    public Block newTaskHead(List<FeatureShape> features, int classes) {
        return head(DetectorSpec.published(false), features, classes);
    }

    @Override
    public Block newTaskHead(Backbone backbone, List<FeatureShape> features, int classes) {
        if (backbone instanceof DetectionResNet detector) {
            return head(detector.spec(), features, classes);
        }
        return newTaskHead(features, classes);
    }

    private static Block head(DetectorSpec spec, List<FeatureShape> features, int classes) {
        if (features.size() != 4) {
            throw new IllegalArgumentException(
                    "The FPN needs four backbone levels (C2-C5), got " + features.size());
        }
        return new TwoStageHead(spec, features.size(), classes);
    }

    /**
     * The FPN, RPN and RoI heads under mmdetection's names, or torchvision's when the backbone sits
     * under {@code backbone.body.} as in torchvision's detectors ({@link DetectorWeights}).
     */
    @Override
    public List<WeightGroup> headWeightGroups(Backbone backbone, Block head, String prefix) {
        return DetectorWeights.groups(
                (TwoStageHead) head, DetectorWeights.Naming.ofBackbonePrefix(prefix));
    }

    /**
     * Not used: a detector's losses need the ground truth inside the head ({@link #trainingLoss}).
     */
    @Override
    public NDArray taskLoss(NDList headOutput, TrainingBatch batch) {
        throw new UnsupportedOperationException(
                "A detector's loss is computed by its head during training (trainingLoss)");
    }

    @Override
    public LossTerms trainingLoss(
            Block head, ParameterStore parameters, NDList headInput, TrainingBatch batch) {
        return ((TwoStageHead) head)
                .loss(parameters, headInput, DetectionTargets.of(batch.labels()));
    }

    @Override
    public AuxNetFactory auxNets() {
        return auxNets;
    }

    @Override
    public TaskMetric newMetric(int classes) {
        return new CocoMetric(classes);
    }
}
