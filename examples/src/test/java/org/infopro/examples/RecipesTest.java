package org.infopro.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.infopro.classification.Synthetic;
import org.infopro.classification.data.ImageClassificationDataset;
import org.infopro.core.data.FashionMnist;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.RawImages;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.train.Experiment;
import org.infopro.core.train.Training;
import org.infopro.core.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each recipe of the extending guide builds a run that trains and evaluates. */
class RecipesTest {

    @Test
    void perModuleOptimizersKeepTheirOwnStateAndResume(@TempDir Path dir) throws Exception {
        Path data = Synthetic.writeIdxDataset(dir.resolve("data"), 200, 40);
        Normalization norm = Normalization.uniform(3, 0.5f, 0.5f);
        ImageClassificationDataset train = padded(FashionMnist.read(data, "train"), norm);
        ImageClassificationDataset test = padded(FashionMnist.read(data, "test"), norm);
        Path checkpoint = dir.resolve("run.ckpt");
        java.util.Set<String> keys;
        try (Experiment e = Recipes.perModuleOptimizers(train, test)) {
            Training training = new Training(e).checkpointTo(checkpoint, 0);
            TrainingState done = training.run();
            assertEquals(2, done.globalStep);
            keys = new java.util.TreeSet<>(training.trainer().optimizer().state().keySet());
            assertTrue(
                    keys.stream().anyMatch(k -> k.startsWith("m1/") && !k.contains("/exp_avg")),
                    keys.toString());
            assertTrue(
                    keys.stream().anyMatch(k -> k.startsWith("m3/") && k.endsWith("/exp_avg_sq")),
                    keys.toString());
        }
        try (Experiment e = Recipes.perModuleOptimizers(train, test)) {
            Training training = new Training(e);
            assertEquals(2, training.resume(checkpoint, System.err).globalStep);
            assertEquals(
                    keys, new java.util.TreeSet<>(training.trainer().optimizer().state().keySet()));
        }
    }

    @Test
    void aDjlArrayDatasetTrainsAsIs() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train = array(manager, 96, 1);
            ArrayDataset test = array(manager, 32, 2);
            try (Experiment e = Recipes.djlDataset(train, test)) {
                assertEquals(new FeatureShape(1, 28, 28), e.test().sampleShape());
                TrainingState done = new Training(e).run();
                assertEquals(1, done.globalStep);
                assertTrue(done.last("top1") >= 0, done.history.toString());
            }
        }
    }

    @Test
    void anImageFolderTrains(@TempDir Path dir) throws Exception {
        Random random = new Random(0);
        for (String split : new String[] {"train", "test"}) {
            for (String label : new String[] {"circle", "square"}) {
                Path folder = Files.createDirectories(dir.resolve(split).resolve(label));
                for (int i = 0; i < 6; i++) {
                    BufferedImage image = new BufferedImage(40, 36, BufferedImage.TYPE_INT_RGB);
                    image.setRGB(5, 5, random.nextInt());
                    ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
                }
            }
        }
        try (Experiment e = Recipes.imageFolder(dir)) {
            assertEquals(2, e.test().classes());
            assertEquals(new FeatureShape(3, 32, 32), e.test().sampleShape());
            TrainingState done = new Training(e).run();
            assertEquals(1, done.globalStep);
        }
    }

    private static ArrayDataset array(NDManager manager, int size, int seed) {
        manager.getEngine().setRandomSeed(seed);
        return new ArrayDataset.Builder()
                .setData(manager.randomUniform(0, 1, new Shape(size, 1, 28, 28)))
                .optLabels(
                        manager.randomInteger(
                                0, 10, new Shape(size), ai.djl.ndarray.types.DataType.INT64))
                .setSampling(32, false)
                .build();
    }

    private static ImageClassificationDataset padded(RawImages images, Normalization norm) {
        return ImageClassificationDataset.builder()
                .setImages(images)
                .setShape(new FeatureShape(3, 32, 32))
                .setNormalization(norm)
                .build();
    }
}
