package org.infopro.examples;

import ai.djl.training.dataset.RandomAccessDataset;
import java.io.IOException;
import java.nio.file.Path;
import org.infopro.classification.ClassificationPlugin;
import org.infopro.core.config.PixelSize;
import org.infopro.core.config.RunConfig;
import org.infopro.core.data.DjlData;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.Normalization;
import org.infopro.core.optim.Optimizer;
import org.infopro.core.optim.PerModuleOptimizer;
import org.infopro.core.spi.Registry;
import org.infopro.core.train.Experiment;

/** Short recipes the extending guide cites; {@code RecipesTest} runs each. */
public final class Recipes {

    private Recipes() {}

    /** Module 1 (and its auxiliary nets) on SGD, the others on AdamW. */
    public static Experiment perModuleOptimizers(LabeledData train, LabeledData test)
            throws IOException {
        RunConfig config = RunConfig.builder().optK(3).optSplit("even").build();
        // tag::per-module[]
        Experiment experiment =
                Experiment.builder()
                        .setConfig(config)
                        .optData(train, test)
                        .optOptimizer(
                                new PerModuleOptimizer(
                                        config.k(),
                                        m ->
                                                m == 1
                                                        ? Optimizer.sgd(0.9f, true, 1e-4f)
                                                        : Optimizer.adamW(
                                                                0.9f, 0.999f, 1e-8f, 0.05f)))
                        .build();
        // end::per-module[]
        return experiment;
    }

    /** Any DJL dataset of (C, H, W) images and class labels. */
    public static Experiment djlDataset(RandomAccessDataset train, RandomAccessDataset test)
            throws IOException {
        // tag::djl-dataset[]
        Normalization none = Normalization.uniform(1, 0f, 1f); // records are already in [0, 1]
        Experiment experiment =
                Experiment.builder()
                        .optTask(new ClassificationPlugin())
                        .optBackbone(SmallVgg::create)
                        .optData(DjlData.of(train, 10, none), DjlData.of(test, 10, none))
                        .build();
        // end::djl-dataset[]
        return experiment;
    }

    /** A folder with {@code train/<class>/*.png} and {@code test/<class>/*.png}. */
    public static Experiment imageFolder(Path folder) throws IOException {
        // tag::image-folder[]
        RunConfig config =
                RunConfig.builder()
                        .optDataset("image-folder") // train/<class>/*, test/<class>/* (or val/)
                        .optDataRoot(folder.toString())
                        .optCrop(new PixelSize(32, 32)) // images are resized and cropped to this
                        .optBackbone("resnet8-tiny")
                        .optSplit("even")
                        .build();
        Experiment experiment =
                Experiment.create(config, Registry.discover(), Experiment.Data.TRAIN_AND_TEST);
        // end::image-folder[]
        return experiment;
    }
}
