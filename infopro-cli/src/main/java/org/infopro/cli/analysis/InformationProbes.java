package org.infopro.cli.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.loss.Losses;
import org.infopro.core.model.Backbone;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.spi.TaskPlugin;

/**
 * The paper's estimates of what each layer of a trained network keeps (IJCV App. B, ICLR Fig. 2),
 * measured on frozen features h of a sample of the training set and scored on test samples:
 *
 * <ul>
 *   <li>I(h, x): a decoder of the task's auxiliary architecture (the CIFAR decoder for
 *       classification) learns to reconstruct the image from h with Adam (lr 1e-3); the estimate is
 *       1 − its mean test BCE.
 *   <li>I(h, y): a classifier (ResNet-32 by default, whose first conv maps h, resized to the image
 *       size, to 16 channels) learns the labels with SGD (Nesterov, lr 0.1 cosine, wd 1e-4) or, for
 *       short analyses, Adam (lr 1e-3 decayed on a cosine); the estimate is its test accuracy.
 *   <li>Linear separability: a linear classifier on flattened h (Adam, lr 1e-3 decayed on a
 *       cosine); its test error in percent.
 * </ul>
 */
public final class InformationProbes {

    /**
     * @param trainSamples training samples the probes learn from
     * @param testSamples test samples they are scored on
     * @param decoderEpochs epochs of the decoder (10 in the paper)
     * @param classifierEpochs epochs of the I(h,y) classifier
     * @param linearEpochs epochs of the linear classifier
     * @param batch probe batch size
     * @param paperClassifierRecipe train the I(h,y) classifier as the paper (SGD, lr 0.1 cosine);
     *     false uses Adam (lr 1e-3 decayed on a cosine), steadier over the few epochs of a fast
     *     analysis
     */
    public record Settings(
            int trainSamples,
            int testSamples,
            int decoderEpochs,
            int classifierEpochs,
            int linearEpochs,
            int batch,
            boolean paperClassifierRecipe) {}

    /**
     * One layer's estimates.
     *
     * @param layer 1-based layer (block) index
     * @param block the block's name
     * @param linearError test error (%) of the linear classifier
     * @param informationX 1 − mean test BCE of the decoder
     * @param informationY test accuracy (0–1) of the classifier
     */
    public record LayerEstimate(
            int layer,
            String block,
            double linearError,
            double informationX,
            double informationY) {}

    private final TaskPlugin task;
    private final Function<FeatureShape, Backbone> classifierBackbone;
    private final Settings settings;

    /**
     * @param task the task: its auxiliary decoder, its head, its loss
     * @param classifierBackbone the I(h,y) classifier's body for an input shape (ResNet-32)
     */
    public InformationProbes(
            TaskPlugin task,
            Function<FeatureShape, Backbone> classifierBackbone,
            Settings settings) {
        this.task = task;
        this.classifierBackbone = classifierBackbone;
        this.settings = settings;
    }

    /**
     * Estimates at the given 1-based layers (blocks) of a trained network.
     *
     * @param blockNames the names of the network's blocks, in order
     * @param progress told about each layer as it is done
     */
    public List<LayerEstimate> estimate(
            LocalNetwork network,
            List<String> blockNames,
            LabeledData train,
            LabeledData test,
            List<Integer> layers,
            Consumer<LayerEstimate> progress) {
        List<Block> blocks = new ArrayList<>();
        for (int m = 0; m < network.k(); m++) {
            blocks.addAll(network.module(m).blocks());
        }
        int deepest = layers.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (deepest > blocks.size()) {
            throw new IllegalArgumentException(
                    "The network has " + blocks.size() + " layers, asked for layer " + deepest);
        }
        List<LayerEstimate> estimates = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Split trainSplit = Split.load(train, settings.trainSamples, manager);
            Split testSplit = Split.load(test, settings.testSamples, manager);
            ParameterStore ps = new ParameterStore(manager, false);
            for (int layer = 1; layer <= deepest; layer++) {
                Block block = blocks.get(layer - 1);
                trainSplit = trainSplit.advance(block, ps, settings.batch);
                testSplit = testSplit.advance(block, ps, settings.batch);
                if (layers.contains(layer)) {
                    LayerEstimate estimate =
                            probe(
                                    layer,
                                    blockNames.get(layer - 1),
                                    trainSplit,
                                    testSplit,
                                    train.classes());
                    estimates.add(estimate);
                    progress.accept(estimate);
                }
            }
        }
        return estimates;
    }

    private LayerEstimate probe(int layer, String name, Split train, Split test, int classes) {
        FeatureShape features = FeatureShape.of(train.features.getShape());
        FeatureShape image = FeatureShape.of(train.images.getShape());
        long seed = layer;
        double bce =
                ProbeFit.fitAndScore(
                        task.auxNets().decoder(features, image),
                        train.features,
                        train.images,
                        test.features,
                        test.images,
                        settings.decoderEpochs,
                        settings.batch,
                        ProbeFit.Optimizer.adam(1e-3f),
                        Losses::binaryCrossEntropyWithLogits,
                        Losses::binaryCrossEntropyWithLogits,
                        seed);
        double classifierAccuracy =
                ProbeFit.fitAndScore(
                        classifier(features, image, classes),
                        train.features,
                        train.labels,
                        test.features,
                        test.labels,
                        settings.classifierEpochs,
                        settings.batch,
                        settings.paperClassifierRecipe()
                                ? ProbeFit.Optimizer.sgdCosine(0.1f)
                                : ProbeFit.Optimizer.adamCosine(1e-3f),
                        Losses::crossEntropy,
                        InformationProbes::accuracy,
                        seed);
        double linearAccuracy =
                ProbeFit.fitAndScore(
                        new SequentialBlock()
                                .add(Blocks.batchFlattenBlock())
                                .add(Layers.linear((int) features.elements(), classes)),
                        train.features,
                        train.labels,
                        test.features,
                        test.labels,
                        settings.linearEpochs,
                        settings.batch,
                        ProbeFit.Optimizer.adamCosine(1e-3f),
                        Losses::crossEntropy,
                        InformationProbes::accuracy,
                        seed);
        return new LayerEstimate(
                layer, name, 100 * (1 - linearAccuracy), 1 - bce, classifierAccuracy);
    }

    /** h resized to the image, then the classifier body (its first conv takes h's channels). */
    private Block classifier(FeatureShape features, FeatureShape image, int classes) {
        Backbone body =
                classifierBackbone.apply(
                        new FeatureShape(features.channels(), image.height(), image.width()));
        SequentialBlock model =
                new SequentialBlock().add(Layers.resize(image.height(), image.width()));
        body.blocks().forEach(model::add);
        return model.add(task.newTaskHead(List.of(body.outputShape()), classes));
    }

    private static NDArray accuracy(NDArray logits, NDArray labels) {
        return logits.argMax(1)
                .toType(labels.getDataType(), false)
                .eq(labels)
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .mean();
    }

    /** A sample of a split: frozen features (the images at first), restored images, labels. */
    private record Split(NDArray features, NDArray images, NDArray labels) {

        static Split load(LabeledData data, int samples, NDManager manager) {
            int n = Math.min(samples, data.sampleCount());
            int[] indices = new int[n];
            for (int i = 0; i < n; i++) {
                indices[i] = i;
            }
            TrainingBatch batch = data.load(manager, indices, LabeledData.Pass.EVALUATION, 0);
            return new Split(batch.input(), batch.restoredInput(), batch.labels().head());
        }

        /** The features one block further, computed in chunks without gradients. */
        Split advance(Block block, ParameterStore ps, int chunk) {
            NDManager owner = features.getManager();
            long n = features.getShape().get(0);
            NDList parts = new NDList();
            for (long start = 0; start < n; start += chunk) {
                // A scope per chunk: the slice (a view that would pin the old features) and the
                // block's intermediate arrays die with it.
                try (NDManager scope = owner.newSubManager()) {
                    NDArray x = features.get(start + ":" + Math.min(n, start + chunk));
                    x.attach(scope);
                    NDArray out = block.forward(ps, new NDList(x), false).head();
                    out.attach(owner);
                    parts.add(out);
                }
            }
            NDArray next = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
            if (parts.size() > 1) {
                parts.close();
            }
            features.close();
            return new Split(next, images, labels);
        }
    }
}
