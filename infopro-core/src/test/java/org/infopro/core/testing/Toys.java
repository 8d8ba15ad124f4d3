package org.infopro.core.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.infopro.core.config.RunConfig;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.loss.Losses;
import org.infopro.core.metric.TaskMetric;
import org.infopro.core.metric.TopKAccuracy;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.objective.LocalObjective;
import org.infopro.core.spi.CoreObjectives;
import org.infopro.core.spi.ObjectiveProvider;
import org.infopro.core.spi.TaskPlugin;
import org.infopro.core.train.Experiment;

/**
 * A small classification problem built from the core alone, so that the engine's own tests (the
 * step, the loop, resume, asynchronous training) need no task module: a task, a CNN backbone from
 * plain DJL blocks, and in-memory images whose class sets a bright square's position.
 */
public final class Toys {

    /** The images' per-sample shape. */
    public static final FeatureShape INPUT = new FeatureShape(3, 16, 16);

    /** Their normalisation. */
    public static final Normalization NORM = Normalization.uniform(3, 0.5f, 0.5f);

    /** Number of classes. */
    public static final int CLASSES = 4;

    private Toys() {}

    /** Four conv-BN-ReLU blocks, the third strided: cut points c1 … c4. */
    public static Backbone backbone(FeatureShape input) {
        return Backbone.builder("toy-cnn", input)
                .add("c1", Layers.convBnRelu(8, 3, 1, false))
                .add("c2", Layers.convBnRelu(8, 3, 1, false))
                .add("c3", Layers.convBnRelu(16, 3, 2, false))
                .add("c4", Layers.convBnRelu(16, 3, 1, false))
                .build();
    }

    /** Random images of {@link #CLASSES} classes (a class is where a bright square sits). */
    public static LabeledData images(int count, long seed) {
        return new Images(count, seed);
    }

    /**
     * A run of the toy task on the toy backbone: {@code config}'s numbers and method, the given
     * data (test may be the training data's twin of another seed).
     */
    public static Experiment experiment(RunConfig config, LabeledData train, LabeledData test)
            throws IOException {
        return builder(config, train, test).build();
    }

    /** The same run, still open to further parts (an optimizer, a schedule). */
    public static Experiment.Builder builder(
            RunConfig config, LabeledData train, LabeledData test) {
        return Experiment.builder()
                .setConfig(config)
                .optTask(new Task())
                .optBackbone(Toys::backbone)
                .optData(train, test);
    }

    /** A local network of the toy backbone cut evenly into K modules, initialised with a seed. */
    public static LocalNetwork network(String method, int k, NDManager manager) {
        Engine.getInstance().setRandomSeed(3);
        LocalObjective objective =
                new CoreObjectives()
                        .create(
                                method,
                                new ObjectiveProvider.Settings(
                                        new LambdaSchedule(2, 1, 1, 1), null));
        LocalNetwork net =
                new LocalNetwork(
                        backbone(INPUT), SplitPlanner.even(4, k), objective, new Task(), CLASSES);
        net.initialize(manager);
        return net;
    }

    /** A random batch of {@code size} samples of the toy input, labels cycling over classes. */
    public static TrainingBatch randomBatch(NDManager manager, int size, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        NDArray x = manager.randomNormal(INPUT.batched(size));
        long[] labels = new long[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i % CLASSES;
        }
        return new TrainingBatch(x, new NDList(manager.create(labels)), NORM);
    }

    /**
     * Classification: pooled linear head, cross-entropy, top-1; conv decoder, pooled classifier.
     */
    public static final class Task implements TaskPlugin, AuxNetFactory {
        @Override
        public String name() {
            return "toy";
        }

        @Override
        public Block newTaskHead(List<FeatureShape> features, int classes) {
            return classifier(features.get(features.size() - 1), INPUT, AuxConfig.GREEDY, classes);
        }

        @Override
        public NDArray taskLoss(NDList headOutput, TrainingBatch batch) {
            return Losses.crossEntropy(headOutput.head(), batch.labels().head());
        }

        @Override
        public AuxNetFactory auxNets() {
            return this;
        }

        @Override
        public TaskMetric newMetric(int classes) {
            return new TopKAccuracy(classes);
        }

        @Override
        public Block decoder(FeatureShape features, FeatureShape image) {
            return new SequentialBlock()
                    .add(Layers.resize(image.height(), image.width()))
                    .add(Layers.conv(image.channels(), 3, 1, true));
        }

        @Override
        public Block classifier(
                FeatureShape features, FeatureShape image, AuxConfig config, int outputs) {
            return new SequentialBlock()
                    .add(Layers.globalAveragePool())
                    .add(Layers.linear(features.channels(), outputs));
        }
    }

    private static final class Images implements LabeledData {
        private final float[][] pixels;
        private final long[] labels;

        Images(int count, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            pixels = new float[count][(int) INPUT.elements()];
            labels = new long[count];
            int side = INPUT.width();
            for (int i = 0; i < count; i++) {
                int label = random.nextInt(CLASSES);
                labels[i] = label;
                int top = (label / 2) * side / 2;
                int left = (label % 2) * side / 2;
                for (int c = 0; c < INPUT.channels(); c++) {
                    for (int y = 0; y < side; y++) {
                        for (int x = 0; x < side; x++) {
                            boolean square =
                                    y >= top + 2 && y < top + 6 && x >= left + 2 && x < left + 6;
                            float value =
                                    (square ? 0.8f : 0.2f) + 0.2f * (float) random.nextDouble();
                            pixels[i][(c * side + y) * side + x] = NORM.apply(value, c);
                        }
                    }
                }
            }
        }

        @Override
        public int sampleCount() {
            return labels.length;
        }

        @Override
        public int classes() {
            return CLASSES;
        }

        @Override
        public FeatureShape sampleShape() {
            return INPUT;
        }

        @Override
        public Normalization normalization() {
            return NORM;
        }

        @Override
        public TrainingBatch load(NDManager manager, int[] indices, Pass pass, long seed) {
            float[] data = new float[indices.length * (int) INPUT.elements()];
            long[] y = new long[indices.length];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(
                        pixels[indices[i]],
                        0,
                        data,
                        i * (int) INPUT.elements(),
                        (int) INPUT.elements());
                y[i] = labels[indices[i]];
            }
            return new TrainingBatch(
                    manager.create(data, INPUT.batched(indices.length)),
                    new NDList(manager.create(y)),
                    NORM);
        }
    }
}
