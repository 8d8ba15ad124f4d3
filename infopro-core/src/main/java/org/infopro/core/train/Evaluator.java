package org.infopro.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.metric.TaskMetric;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.spi.Inference;
import org.infopro.core.spi.TaskPlugin;

/**
 * Evaluates a network batch by batch through the task's inference (a plain forward pass unless the
 * task adds test-time augmentation); auxiliary nets take no part.
 */
public final class Evaluator {

    private Evaluator() {}

    /**
     * Runs the whole split through the network in inference mode.
     *
     * @param predictions where the metric writes its predictions (no extension), or null
     * @return the task metric's values, e.g. {@code top1 → 91.3}
     */
    public static Map<String, Double> evaluate(
            LocalNetwork network,
            TaskPlugin task,
            Inference inference,
            LabeledData data,
            int batchSize,
            NDManager root,
            Path predictions) {
        TaskMetric metric = task.newMetric(data.classes());
        for (int start = 0; start < data.sampleCount(); start += batchSize) {
            int[] indices = range(start, Math.min(data.sampleCount(), start + batchSize));
            try (NDManager manager = root.newSubManager()) {
                TrainingBatch batch = data.load(manager, indices, LabeledData.Pass.EVALUATION, 0);
                ParameterStore parameters = new ParameterStore(manager, false);
                NDList output =
                        inference.predict(
                                input -> network.forward(parameters, new NDList(input), false),
                                batch.input());
                metric.update(output, batch.labels());
            }
        }
        if (predictions != null) {
            try {
                metric.writePredictions(predictions);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return metric.values();
    }

    private static int[] range(int from, int to) {
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return indices;
    }
}
