package org.infopro.classification;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import org.infopro.classification.aux.CifarAuxNets;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.loss.Losses;
import org.infopro.core.metric.TaskMetric;
import org.infopro.core.metric.TopKAccuracy;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.spi.TaskPlugin;
import org.infopro.core.weights.WeightGroup;

/**
 * Image classification: global-average-pool + linear head with softmax cross-entropy, the CIFAR
 * auxiliary nets, top-1/top-5 ({@link ClassificationSuites} has the benchmark suites).
 */
public final class ClassificationPlugin implements TaskPlugin {

    /** Registry name. */
    public static final String NAME = "classification";

    private final AuxNetFactory auxNets = new CifarAuxNets();

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The linear classifier by the backbone's reference name ({@code fc}, {@code head} …), at the
     * top of the file as torchvision and timm keep it.
     */
    @Override
    public List<WeightGroup> headWeightGroups(Backbone backbone, Block head, String prefix) {
        return backbone.classifierName()
                .map(name -> List.of(WeightGroup.weightAndBias("head", head, name)))
                .orElse(List.of());
    }

    /** Small images: 500 a batch evaluates quickly without much memory. */
    @Override
    public int defaultEvalBatch(int trainingBatch) {
        return 500;
    }

    @Override
    public Block newTaskHead(List<FeatureShape> features, int classes) {
        // Classification reads only the last block's output (its backbones tap nothing).
        FeatureShape last = features.get(features.size() - 1);
        return new SequentialBlock()
                .add(Layers.globalAveragePool())
                .add(Layers.linear(last.channels(), classes));
    }

    @Override
    public NDArray taskLoss(NDList headOutput, TrainingBatch batch) {
        return Losses.crossEntropy(headOutput.head(), batch.labels().head());
    }

    @Override
    public AuxNetFactory auxNets() {
        return auxNets;
    }

    @Override
    public TaskMetric newMetric(int classes) {
        return new TopKAccuracy(classes);
    }
}
