package org.infopro.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import java.util.List;
import java.util.Optional;
import org.infopro.core.config.RunConfig;
import org.infopro.core.config.TaskOptions;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.loss.Losses;
import org.infopro.core.metric.TaskMetric;
import org.infopro.core.metric.TopKAccuracy;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.spi.Inference;
import org.infopro.core.spi.TaskPlugin;
import org.infopro.core.weights.WeightGroup;
import org.infopro.video.aux.VideoAuxNets;
import org.infopro.video.data.VideoOptions;
import org.infopro.video.model.Consensus;

/**
 * Video recognition with TSN/TSM: per frame global average pooling, dropout 0.5 and a linear
 * classifier; the clip's score is the average over its frames (and, at test time, its clips);
 * cross-entropy, top-1/top-5. Also adds the {@code infopro video} command.
 */
public final class VideoPlugin implements TaskPlugin {

    /** Registry name. */
    public static final String NAME = "video";

    /** TSM's dropout before the classifier. */
    public static final float DROPOUT = 0.5f;

    private final AuxNetFactory auxNets = new VideoAuxNets();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Block newTaskHead(List<FeatureShape> features, int classes) {
        FeatureShape last = features.get(features.size() - 1);
        return new SequentialBlock()
                .add(Layers.globalAveragePool())
                .add(Dropout.builder().optRate(DROPOUT).build())
                .add(Layers.linear(last.channels(), classes));
    }

    /**
     * The classifier as mmaction2's TSM and TSN heads name it ({@code cls_head.fc_cls}) when the
     * backbone sits under {@code backbone.}, else as torchvision's ResNets do ({@code fc}).
     */
    @Override
    public List<WeightGroup> headWeightGroups(Backbone backbone, Block head, String prefix) {
        Block classifier = head.getChildren().get(2).getValue();
        String name = prefix.equals("backbone.") ? "cls_head.fc_cls" : "fc";
        return List.of(WeightGroup.weightAndBias("head", classifier, name));
    }

    /** Cross-entropy of each clip's averaged frame logits. */
    @Override
    public NDArray taskLoss(NDList headOutput, TrainingBatch batch) {
        NDArray labels = batch.labels().head();
        return Losses.crossEntropy(
                Consensus.average(headOutput.head(), labels.getShape().get(0)), labels);
    }

    @Override
    public AuxNetFactory auxNets() {
        return auxNets;
    }

    @Override
    public TaskMetric newMetric(int classes) {
        return new TopKAccuracy(classes);
    }

    @Override
    public Optional<TaskOptions> defaultOptions() {
        return Optional.of(VideoOptions.DEFAULTS);
    }

    /** A forward pass whose frame scores are averaged over each clip's test clips and frames. */
    @Override
    public Inference inference(RunConfig config) {
        VideoOptions clips = VideoOptions.of(config);
        int rowsPerClip = clips.segments() * clips.testClips();
        return (forward, input) -> {
            NDArray frames = forward.apply(input).head();
            return new NDList(Consensus.average(frames, frames.getShape().get(0) / rowsPerClip));
        };
    }
}
