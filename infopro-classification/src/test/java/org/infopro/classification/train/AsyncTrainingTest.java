package org.infopro.classification.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.infopro.classification.ClassificationPlugin;
import org.infopro.classification.Synthetic;
import org.infopro.classification.backbone.CifarResNets;
import org.infopro.core.data.Normalization;
import org.infopro.core.model.FeatureShape;
import org.infopro.core.model.LocalNetwork;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.testing.Networks;
import org.infopro.core.testing.TinyRuns;
import org.infopro.core.train.AsyncLocalTrainer;
import org.infopro.core.train.LocalTrainer;
import org.infopro.core.train.NonFiniteLossException;
import org.infopro.core.train.RunConfig;
import org.infopro.core.train.StepResult;
import org.infopro.core.train.TorchSgd;
import org.infopro.core.train.TrainingBatch;
import org.infopro.core.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asynchronous training: the same updates as simultaneous steps, learns, stops on a NaN. */
class AsyncTrainingTest {

    private static final FeatureShape INPUT = new FeatureShape(3, 16, 16);
    private static final Normalization NORM = Normalization.uniform(3, 0.5f, 0.5f);

    @TempDir Path dir;

    @Test
    void pipelinedUpdatesEqualSimultaneousSteps() {
        // Module k's update on batch t needs module k-1's output for batch t only, which both
        // modes compute before module k-1's own update on t: the parameters must agree.
        int batches = 4;
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork simultaneous = network(manager);
            LocalNetwork asynchronous = network(manager);
            Networks.copyParameters(simultaneous, asynchronous);
            LocalTrainer sync = new LocalTrainer(simultaneous, new ClassificationPlugin(), sgd());
            for (int t = 0; t < batches; t++) {
                try (NDManager step = manager.newSubManager()) {
                    sync.step(batch(step, t), t, 0.1f);
                }
            }
            List<StepResult> results;
            try (AsyncLocalTrainer trainer =
                    new AsyncLocalTrainer(asynchronous, new ClassificationPlugin(), sgd(), 1)) {
                for (int t = 0; t < batches; t++) {
                    NDManager step = manager.newSubManager();
                    trainer.submit(batch(step, t), step, t, 0.1f);
                }
                results = trainer.drain();
            }
            assertEquals(batches, results.size());
            assertEquals(3, results.get(0).moduleLosses().length);
            List<ai.djl.nn.Parameter> expected = simultaneous.getParameters().values();
            List<ai.djl.nn.Parameter> actual = asynchronous.getParameters().values();
            for (int i = 0; i < expected.size(); i++) {
                float[] e = expected.get(i).getArray().toFloatArray();
                float[] a = actual.get(i).getArray().toFloatArray();
                for (int j = 0; j < e.length; j++) {
                    assertEquals(e[j], a[j], 1e-5f * Math.max(1, Math.abs(e[j])), "parameter " + i);
                }
            }
        }
    }

    @Test
    void nanInAWorkerStopsTrainingWithItsModule() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork net = network(manager);
            NDManager step = manager.newSubManager();
            float[] nan = new float[4 * (int) INPUT.elements()];
            Arrays.fill(nan, Float.NaN);
            TrainingBatch batch =
                    new TrainingBatch(
                            step.create(nan, INPUT.batched(4)),
                            new NDList(step.create(new long[] {0, 1, 2, 3})),
                            NORM);
            AsyncLocalTrainer trainer =
                    new AsyncLocalTrainer(net, new ClassificationPlugin(), sgd(), 1);
            trainer.submit(batch, step, 5, 0.1f);
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, trainer::drain);
            assertTrue(e.getMessage().contains("module 1") && e.getMessage().contains("step 5"));
            trainer.close();
        }
    }

    @Test
    void asynchronousRunLearns() throws Exception {
        RunConfig c = new RunConfig();
        c.backbone = "resnet8-tiny";
        c.dataset = "fashion-mnist";
        c.dataRoot = Synthetic.writeIdxDataset(dir.resolve("data"), 640, 200).toString();
        c.method = "infopro-softmax";
        c.k = 3;
        c.split = "even";
        c.epochs = 4;
        c.batch = 32;
        c.evalBatch = 100;
        c.asyncQueue = 2;
        TrainingState state = TinyRuns.train(c);
        TinyRuns.assertLocalAndTaskLossesFall(state);
        assertEquals(4 * 20, state.globalStep);
        assertTrue(state.last("top1") > 50, "well above the 10% of chance: " + state.last("top1"));
    }

    private static TorchSgd sgd() {
        return new TorchSgd(0.9f, true, 1e-4f);
    }

    private static LocalNetwork network(NDManager manager) {
        return Networks.local(
                new CifarResNets().create("resnet8-tiny", INPUT),
                3,
                SplitPlanner.EVEN,
                "infopro-softmax",
                new float[] {2, 1},
                new ClassificationPlugin(),
                10,
                manager);
    }

    private static TrainingBatch batch(NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        NDArray x = manager.randomNormal(INPUT.batched(8));
        NDArray y = manager.create(new long[] {0, 1, 2, 3, 0, 1, 2, 3});
        return new TrainingBatch(x, new NDList(y), NORM);
    }
}
