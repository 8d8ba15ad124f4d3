package org.infopro.core.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Optional;
import org.infopro.core.config.RunConfig;
import org.infopro.core.config.TaskOptions;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.metric.TaskMetric;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.objective.LossTerms;

/**
 * A task (classification, segmentation, …): the head and loss of the last module, the auxiliary
 * nets of local modules, the evaluation metric and test-time inference.
 *
 * <p>Implementations are listed in {@code META-INF/services/org.infopro.core.spi.TaskPlugin}, or
 * passed as objects ({@code Experiment.builder().optTask}). Benchmark suites ({@link
 * SuiteProvider}), extra commands ({@link CommandProvider}) and further Guice bindings (a {@code
 * com.google.inject.Module} service) are separate, optional services.
 */
public interface TaskPlugin {

    /** The registry name, e.g. {@code classification}. */
    String name();

    /**
     * The head after the last module (e.g. pooling + linear classifier). Its input list holds the
     * backbone's tapped features ({@link org.infopro.core.model.Backbone#taps()}) in order, then
     * the last block's output.
     *
     * @param features the shapes of those inputs, the last block's output last
     */
    Block newTaskHead(List<FeatureShape> features, int classes);

    /**
     * The head for a given backbone; by default {@link #newTaskHead(List, int)}. A task whose head
     * depends on the model chosen with the backbone (a detector's mask branch and widths) overrides
     * it.
     */
    default Block newTaskHead(Backbone backbone, List<FeatureShape> features, int classes) {
        return newTaskHead(features, classes);
    }

    /** The plain task loss of the last module, from the head's output. */
    NDArray taskLoss(NDList headOutput, TrainingBatch batch);

    /**
     * The last module's training loss: by default the head's forward pass, then {@link #taskLoss}.
     * A task whose head needs the labels while training (a detector samples its proposals against
     * the ground truth) overrides it, and may report its loss in several named parts.
     *
     * @param head the task head
     * @param parameters the step's parameter store
     * @param headInput the head's input (tapped features, then the last module's output)
     */
    default LossTerms trainingLoss(
            Block head, ParameterStore parameters, NDList headInput, TrainingBatch batch) {
        return LossTerms.single("task", taskLoss(head.forward(parameters, headInput, true), batch));
    }

    /** The auxiliary nets for this task's features. */
    AuxNetFactory auxNets();

    /** A fresh metric accumulator for evaluation. */
    TaskMetric newMetric(int classes);

    /**
     * Test-time inference for a run's options (a task's test-time options in {@link
     * RunConfig#taskOptions(TaskOptions)}); a plain forward unless the task supports test-time
     * augmentation.
     */
    default Inference inference(RunConfig config) {
        return Inference.PLAIN;
    }

    /**
     * The task's own options with their defaults, whose record type declares them ({@link
     * TaskOptions}); empty for a task with none.
     */
    default Optional<TaskOptions> defaultOptions() {
        return Optional.empty();
    }

    /**
     * The names PyTorch's reference implementation gives the weights of this task's head after
     * {@code backbone} (a classifier's {@link Backbone#classifierName()}), for {@code
     * --pretrained-parts all}; empty when none is known.
     *
     * @param prefix where the backbone's weights sit in the file ({@code ""} for torchvision's
     *     classifiers, {@code backbone.} for mmsegmentation's and mmdetection's models, {@code
     *     backbone.body.} for torchvision's detectors), which tells whose names the head has
     */
    default List<org.infopro.core.weights.WeightGroup> headWeightGroups(
            Backbone backbone, Block head, String prefix) {
        return List.of();
    }

    /**
     * The evaluation batch when a run leaves it at 0: by default the training batch, as dense tasks
     * need (their per-image work is far larger); a classifier takes a larger one.
     */
    default int defaultEvalBatch(int trainingBatch) {
        return trainingBatch;
    }
}
