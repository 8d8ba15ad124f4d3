package org.infopro.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.infopro.core.config.RunConfig;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.optim.Optimizer;
import org.infopro.core.testing.Networks;
import org.infopro.core.testing.TinyRuns;
import org.infopro.core.testing.Toys;
import org.junit.jupiter.api.Test;

/** Asynchronous training: the same updates as simultaneous steps, learns, stops on a NaN. */
class AsyncLocalTrainerTest {

    @Test
    void pipelinedUpdatesEqualSimultaneousSteps() {
        // Module k's update on batch t needs module k-1's output for batch t only, which both
        // modes compute before module k-1's own update on t: the parameters must agree.
        int batches = 4;
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork simultaneous = Toys.network("infopro-softmax", 3, manager);
            LocalNetwork asynchronous = Toys.network("infopro-softmax", 3, manager);
            Networks.copyParameters(simultaneous, asynchronous);
            LocalTrainer sync = new LocalTrainer(simultaneous, new Toys.Task(), sgd());
            for (int t = 0; t < batches; t++) {
                try (NDManager step = manager.newSubManager()) {
                    sync.step(Toys.randomBatch(step, 8, t), t, 0.1f);
                }
            }
            List<StepResult> results;
            try (AsyncLocalTrainer trainer =
                    new AsyncLocalTrainer(asynchronous, new Toys.Task(), sgd(), 1)) {
                for (int t = 0; t < batches; t++) {
                    NDManager step = manager.newSubManager();
                    trainer.submit(Toys.randomBatch(step, 8, t), step, t, 0.1f);
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
            LocalNetwork net = Toys.network("infopro-softmax", 3, manager);
            NDManager step = manager.newSubManager();
            float[] nan = new float[4 * (int) Toys.INPUT.elements()];
            Arrays.fill(nan, Float.NaN);
            TrainingBatch batch =
                    new TrainingBatch(
                            step.create(nan, Toys.INPUT.batched(4)),
                            new NDList(step.create(new long[] {0, 1, 2, 3})),
                            Toys.NORM);
            AsyncLocalTrainer trainer = new AsyncLocalTrainer(net, new Toys.Task(), sgd(), 1);
            trainer.submit(batch, step, 5, 0.1f);
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, trainer::drain);
            assertTrue(e.getMessage().contains("module 1") && e.getMessage().contains("step 5"));
            trainer.close();
        }
    }

    @Test
    void asynchronousRunLearns() throws Exception {
        RunConfig c =
                RunConfig.builder()
                        .optMethod("infopro-softmax")
                        .optK(3)
                        .optSplit("even")
                        .optEpochs(3)
                        .optBatch(32)
                        .optEvalBatch(100)
                        .optAsyncQueue(2)
                        .build();
        TrainingState state;
        try (Experiment e = Toys.experiment(c, Toys.images(640, 1), Toys.images(200, 2))) {
            state = new Training(e).run();
        }
        TinyRuns.assertLocalAndTaskLossesFall(state);
        assertEquals(3 * 20, state.globalStep);
        assertTrue(state.last("top1") > 60, "well above the 25% of chance: " + state.last("top1"));
    }

    private static Optimizer sgd() {
        return Optimizer.sgd(0.9f, true, 1e-4f);
    }
}
