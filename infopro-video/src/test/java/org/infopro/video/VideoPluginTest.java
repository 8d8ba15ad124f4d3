package org.infopro.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.infopro.core.config.RunConfig;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.testing.NDAssert;
import org.infopro.video.data.VideoOptions;
import org.junit.jupiter.api.Test;

/** The clip-level task head, loss and inference. */
class VideoPluginTest {

    private final VideoPlugin plugin = new VideoPlugin();

    @Test
    void lossIsCrossEntropyOfEachClipsAveragedFrameLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Two clips of two frames, three classes.
            float[] logits = {1, 2, 0, 3, 0, 1, -1, 0, 2, 1, 1, 0};
            long[] labels = {1, 2};
            TrainingBatch batch =
                    new TrainingBatch(
                            m.zeros(new Shape(4, 3, 2, 2)),
                            new NDList(m.create(labels)),
                            Normalization.IMAGENET);
            NDArray loss = plugin.taskLoss(new NDList(m.create(logits, new Shape(4, 3))), batch);
            NDAssert.assertScalar(expectedLoss(logits, labels, 2, 3), loss, 1e-5);
        }
    }

    @Test
    void inferenceAveragesEveryFrameOfEveryTestClip() {
        RunConfig config =
                RunConfig.builder().optTask("video").optTaskOptions(new VideoOptions(2, 2)).build();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray frames = m.arange(16f).reshape(8, 2); // 2 clips × 2 views × 2 frames
            NDList out = plugin.inference(config).predict(x -> new NDList(x), frames);
            assertArrayEquals(new float[] {3, 4, 11, 12}, out.head().toFloatArray());
        }
    }

    @Test
    void headScoresEveryFrame() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block head = plugin.newTaskHead(List.of(new FeatureShape(8, 2, 2)), 5);
            head.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(6, 8, 2, 2));
            NDArray out =
                    head.forward(
                                    new ParameterStore(m, false),
                                    new NDList(m.ones(new Shape(6, 8, 2, 2))),
                                    false)
                            .head();
            assertEquals(new Shape(6, 5), out.getShape());
        }
    }

    /** Mean over clips of −log softmax(mean of the clip's frame logits)[label], in float64. */
    static double expectedLoss(float[] logits, long[] labels, int frames, int classes) {
        double total = 0;
        for (int clip = 0; clip < labels.length; clip++) {
            double[] mean = new double[classes];
            for (int f = 0; f < frames; f++) {
                for (int c = 0; c < classes; c++) {
                    mean[c] += logits[(clip * frames + f) * classes + c] / (double) frames;
                }
            }
            double norm = 0;
            for (double v : mean) {
                norm += Math.exp(v);
            }
            total += Math.log(norm) - mean[(int) labels[clip]];
        }
        return total / labels.length;
    }
}
