package org.infopro.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Optional;
import org.infopro.core.config.RunConfig;
import org.infopro.core.config.TaskOptions;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.metric.TaskMetric;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Scalars;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.spi.Inference;
import org.infopro.core.spi.TaskPlugin;
import org.infopro.core.weights.WeightGroup;
import org.infopro.segmentation.aux.SegmentationAuxNets;
import org.infopro.segmentation.inference.SegmentationInference;
import org.infopro.segmentation.inference.SegmentationOptions;
import org.infopro.segmentation.metric.MeanIoU;
import org.infopro.segmentation.model.DeepLabV3Head;

/**
 * Semantic segmentation with DeepLab-V3: ASPP decode head on layer4 plus the auxiliary FCN head on
 * layer3 (loss weight 0.4), pixel cross-entropy ignoring 255 on logits resized to the labels, mIoU;
 * InfoPro's auxiliary nets for dense features.
 */
public final class SegmentationPlugin implements TaskPlugin {

    /** Registry name. */
    public static final String NAME = "segmentation";

    /** Weight of the auxiliary FCN head's loss. */
    public static final float AUX_WEIGHT = 0.4f;

    private final AuxNetFactory auxNets = new SegmentationAuxNets();

    @Override
    public String name() {
        return NAME;
    }

    /**
     * DeepLab-V3's heads on (layer3, layer4); widths a quarter of the features' (512 and 256 on
     * ResNet-50/101, 128 and 64 on ResNet-18, as mmsegmentation configures them).
     */
    @Override
    public Block newTaskHead(List<FeatureShape> features, int classes) {
        if (features.size() != 2) {
            throw new IllegalArgumentException(
                    "DeepLab-V3 needs a backbone tapping layer3 beside its last output, got "
                            + features.size()
                            + " feature maps");
        }
        return new DeepLabV3Head(
                classes, features.get(1).channels() / 4, features.get(0).channels() / 4);
    }

    /** DeepLab-V3's decode and auxiliary heads under mmsegmentation's names. */
    @Override
    public List<WeightGroup> headWeightGroups(Backbone backbone, Block head, String prefix) {
        return head instanceof DeepLabV3Head deepLab ? deepLab.weightGroups() : List.of();
    }

    @Override
    public NDArray taskLoss(NDList headOutput, TrainingBatch batch) {
        NDArray labels = batch.labels().head();
        NDArray decode = SegmentationAuxNets.pixelLoss(headOutput.get(0), labels);
        NDArray auxiliary = SegmentationAuxNets.pixelLoss(headOutput.get(1), labels);
        return decode.add(Scalars.mul(auxiliary, AUX_WEIGHT));
    }

    @Override
    public AuxNetFactory auxNets() {
        return auxNets;
    }

    @Override
    public TaskMetric newMetric(int classes) {
        return new MeanIoU(classes);
    }

    /** Multi-scale, flipped and sliding-window inference as the run's test options ask. */
    @Override
    public Inference inference(RunConfig config) {
        return SegmentationInference.of(config.taskOptions(SegmentationOptions.DEFAULTS));
    }

    @Override
    public Optional<TaskOptions> defaultOptions() {
        return Optional.of(SegmentationOptions.DEFAULTS);
    }
}
