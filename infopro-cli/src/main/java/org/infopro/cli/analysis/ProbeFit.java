package org.infopro.cli.analysis;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import java.util.function.BiFunction;
import org.infopro.core.nn.NativeArrays;
import org.infopro.core.optim.LrSchedule;
import org.infopro.core.optim.TorchAdam;
import org.infopro.core.optim.TorchSgd;

/**
 * Trains one probe on fixed inputs and targets and scores it on held-out ones: mini-batches in a
 * seeded order, one optimizer, then the mean of a per-batch score over the test set.
 */
final class ProbeFit {

    /** How a probe learns: Adam or SGD with Nesterov momentum, at a scheduled rate. */
    record Optimizer(boolean adam, LrSchedule schedule) {

        static Optimizer adam(float learningRate) {
            return new Optimizer(true, LrSchedule.constant(learningRate));
        }

        /**
         * Adam decayed to 0 by the last step: a probe of a few epochs then ends at a settled point
         * rather than wherever the last fixed-rate steps left it, so its score varies less.
         */
        static Optimizer adamCosine(float learningRate) {
            return new Optimizer(true, LrSchedule.cosinePerStep(learningRate));
        }

        static Optimizer sgdCosine(float learningRate) {
            return new Optimizer(false, LrSchedule.cosinePerStep(learningRate));
        }
    }

    private ProbeFit() {}

    /**
     * @param model the probe (not yet initialised)
     * @param loss the training loss of (output, target)
     * @param score the test score of a batch (output, target), averaged over samples
     * @return the mean test score
     */
    static double fitAndScore(
            Block model,
            NDArray trainInputs,
            NDArray trainTargets,
            NDArray testInputs,
            NDArray testTargets,
            int epochs,
            int batch,
            Optimizer optimizer,
            BiFunction<NDArray, NDArray, NDArray> loss,
            BiFunction<NDArray, NDArray, NDArray> score,
            long seed) {
        NDManager owner = trainInputs.getManager();
        try (NDManager manager = owner.newSubManager()) {
            Engine.getInstance().setRandomSeed((int) seed);
            model.initialize(manager, DataType.FLOAT32, batchShape(trainInputs, batch));
            ParameterStore ps = new ParameterStore(manager, false);
            // Every step passes its scheduled rate, so Adam's own fixed rate is never used.
            TorchAdam adam = new TorchAdam(0.9f, 0.999f, 1e-8f, 0f, false);
            TorchSgd sgd = new TorchSgd(0.9f, true, 1e-4f);
            int n = (int) trainInputs.getShape().get(0);
            int stepsPerEpoch = Math.max(1, n / batch);
            Random random = new Random(seed);
            long step = 0;
            for (int epoch = 0; epoch < epochs; epoch++) {
                int[] order = permutation(n, random);
                for (int s = 0; s < stepsPerEpoch; s++) {
                    try (NDManager scope = manager.newSubManager()) {
                        long[] rows = new long[Math.min(batch, n)];
                        for (int i = 0; i < rows.length; i++) {
                            rows[i] = order[(s * batch + i) % n];
                        }
                        NDArray index = NativeArrays.owned(scope, rows);
                        NDArray x = trainInputs.get(new NDIndex("{}", index));
                        NDArray y = trainTargets.get(new NDIndex("{}", index));
                        x.attach(scope);
                        y.attach(scope);
                        try (GradientCollector collector =
                                Engine.getInstance().newGradientCollector()) {
                            NDArray output = model.forward(ps, new NDList(x), true).head();
                            collector.backward(loss.apply(output, y));
                        }
                    }
                    float lr = optimizer.schedule().at(step, stepsPerEpoch, epochs);
                    if (optimizer.adam()) {
                        adam.step(model.getParameters(), lr);
                    } else {
                        sgd.step(model.getParameters(), lr);
                    }
                    step++;
                }
            }
            return score(model, ps, testInputs, testTargets, batch, score);
        }
    }

    private static double score(
            Block model,
            ParameterStore ps,
            NDArray inputs,
            NDArray targets,
            int batch,
            BiFunction<NDArray, NDArray, NDArray> score) {
        long n = inputs.getShape().get(0);
        double sum = 0;
        for (long start = 0; start < n; start += batch) {
            long end = Math.min(n, start + batch);
            try (NDManager scope = inputs.getManager().newSubManager()) {
                NDArray x = inputs.get(start + ":" + end);
                NDArray y = targets.get(start + ":" + end);
                x.attach(scope);
                y.attach(scope);
                NDArray output = model.forward(ps, new NDList(x), false).head();
                sum += score.apply(output, y).getFloat() * (end - start);
            }
        }
        return sum / n;
    }

    private static ai.djl.ndarray.types.Shape batchShape(NDArray inputs, int batch) {
        return new ai.djl.ndarray.types.Shape(Math.min(batch, inputs.getShape().get(0)))
                .addAll(inputs.getShape().slice(1));
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
