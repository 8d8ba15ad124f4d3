package org.infopro.examples;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.modality.cv.translator.ImageClassificationTranslator;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.infopro.classification.ClassificationPlugin;
import org.infopro.classification.data.ImageClassificationDataset;
import org.infopro.core.config.RunConfig;
import org.infopro.core.data.FashionMnist;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.RawImages;
import org.infopro.core.inference.InferenceModel;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.optim.LrSchedule;
import org.infopro.core.optim.Optimizer;
import org.infopro.core.train.EarlyStopping;
import org.infopro.core.train.Experiment;
import org.infopro.core.train.ProgressBar;
import org.infopro.core.train.Training;
import org.infopro.core.train.TrainingState;

/**
 * A user's whole path: own backbone, own in-memory data, Adam with a cosine schedule, listeners,
 * then a weights-only model exported, loaded and asked about one image file.
 *
 * <p>Arguments: {@code [DATA [OUT [MAX_STEPS]]]} — a Fashion-MNIST IDX folder (Debian's by
 * default), an output folder, and a step limit per epoch (0 = whole epochs).
 */
public final class QuickStart {

    public static void main(String[] args) throws Exception {
        Path data = args.length > 0 ? Path.of(args[0]) : FashionMnist.HOME;
        Path out = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "runs/quick-start"));
        int maxSteps = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        // tag::train[]
        Normalization norm = Normalization.uniform(1, 0.286f, 0.353f);
        RawImages trainImages = FashionMnist.read(data, "train").first(6000); // bytes + labels
        ImageClassificationDataset train = inMemory(trainImages, norm);
        RawImages testImages = FashionMnist.read(data, "test");
        ImageClassificationDataset test = inMemory(testImages, norm);

        RunConfig config = // K=2, batch 128, SGD lr 0.1 cosine, seed 0 unless set here
                RunConfig.builder()
                        .optMethod("infopro-softmax")
                        .optEpochs(2)
                        .optMaxSteps(maxSteps)
                        .build();
        try (Experiment experiment =
                Experiment.builder()
                        .setConfig(config)
                        .optTask(new ClassificationPlugin())
                        .optBackbone(SmallVgg::create) // no split table: cut evenly
                        .optData(train, test)
                        .optOptimizer(Optimizer.adam(0.9f, 0.999f, 1e-8f, 0))
                        .optSchedule(LrSchedule.cosinePerStep(1e-3f))
                        .build()) {
            System.out.println(experiment.describe()); // split, λ and auxiliary nets
            TrainingState done =
                    new Training(experiment)
                            .addListener(ProgressBar.onConsole())
                            .addListener(new EarlyStopping("top1", 3, true))
                            .addListener(new LossCsv(out.resolve("losses.csv"))) // your own
                            .checkpointTo(out.resolve("checkpoint.ckpt"), 0)
                            .run();
            System.out.println("test top-1: " + done.last("top1"));
            InferenceModel.export(experiment, out.resolve("model.infopro"));
        }
        // end::train[]
        Path png = writePng(testImages, out.resolve("sample.png"));
        // tag::predict[]
        ImageClassificationTranslator translator =
                ImageClassificationTranslator.builder()
                        .addTransform(new ToTensor()) // HWC bytes → CHW in [0, 1]
                        .addTransform(x -> x.sub(norm.mean()[0]).div(norm.std()[0])) // as trained
                        .optFlag(Image.Flag.GRAYSCALE)
                        .optSynset(
                                List.of(
                                        "T-shirt",
                                        "Trouser",
                                        "Pullover",
                                        "Dress",
                                        "Coat",
                                        "Sandal",
                                        "Shirt",
                                        "Sneaker",
                                        "Bag",
                                        "Ankle boot"))
                        .optApplySoftmax(true)
                        .build();
        try (InferenceModel model =
                        InferenceModel.load(
                                out.resolve("model.infopro"),
                                SmallVgg::create,
                                new ClassificationPlugin());
                Predictor<Image, Classifications> predictor = model.newPredictor(translator)) {
            Image image = ImageFactory.getInstance().fromFile(png);
            System.out.println(png + ": " + predictor.predict(image).best());
        }
        // end::predict[]
    }

    private static ImageClassificationDataset inMemory(RawImages images, Normalization norm) {
        return ImageClassificationDataset.builder()
                .setImages(images)
                .setShape(new FeatureShape(1, images.height(), images.width()))
                .setNormalization(norm)
                .build();
    }

    /** The first test image as an 8-bit grey PNG, as a user's file would be. */
    private static Path writePng(RawImages images, Path file) throws Exception {
        BufferedImage image =
                new BufferedImage(images.width(), images.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < images.height(); y++) {
            for (int x = 0; x < images.width(); x++) {
                image.getRaster()
                        .setSample(x, y, 0, images.pixels()[y * images.width() + x] & 0xFF);
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
