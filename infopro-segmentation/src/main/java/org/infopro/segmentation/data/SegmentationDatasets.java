package org.infopro.segmentation.data;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.infopro.core.config.PixelSize;
import org.infopro.core.data.FashionMnist;
import org.infopro.core.data.GeneratedSet;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.RawImages;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.spi.DatasetProvider;

/**
 * Segmentation datasets: {@code voc2012} (train/val lists), {@code voc-aug} (the SBD "aug" list for
 * training), {@code cityscapes}, {@code ade20k}, and {@code fashion-scenes}, the generated set
 * (written on first use from Fashion-MNIST, in the VOC layout, under {@code
 * ~/.cache/infopro/fashion-scenes}). Crops and base scales are mmsegmentation's defaults.
 */
public final class SegmentationDatasets implements DatasetProvider {

    /** Generated scene size: small enough for the CPU suites. */
    public static final int SCENE_HEIGHT = 96;

    /** Width of a generated scene in pixels. */
    public static final int SCENE_WIDTH = 128;

    /** Generated scenes per split. */
    public static final int SCENES_TRAIN = 1000;

    /** Generated scenes in the validation split. */
    public static final int SCENES_VAL = 200;

    private static final List<String> NAMES =
            List.of("fashion-scenes", "voc2012", "voc-aug", "cityscapes", "ade20k");

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(NAMES);
    }

    @Override
    public Optional<Path> defaultRoot(String name) {
        return "fashion-scenes".equals(name)
                ? Optional.of(
                        Paths.get(
                                System.getProperty("user.home"),
                                ".cache",
                                "infopro",
                                "fashion-scenes"))
                : Optional.empty();
    }

    @Override
    public LabeledData open(String name, Path root, String split, int limit) throws IOException {
        return open(name, root, split, limit, (PixelSize) null);
    }

    @Override
    public LabeledData open(String name, Path root, String split, int limit, PixelSize crop)
            throws IOException {
        boolean train = split.equals("train");
        switch (name) {
            case "fashion-scenes":
                ensureScenes(root);
                return data(
                        VocSegmentation.open(root, train ? "train" : "val", FashionScenes.CLASSES),
                        crop(crop, SCENE_HEIGHT, SCENE_WIDTH),
                        SCENE_WIDTH,
                        SCENE_HEIGHT,
                        limit);
            case "voc2012":
            case "voc-aug":
                String list = train ? (name.equals("voc-aug") ? "aug" : "train") : "val";
                return data(
                        VocSegmentation.open(root, list, VocSegmentation.CLASSES),
                        crop(crop, 512, 512),
                        2048,
                        512,
                        limit);
            case "cityscapes":
                return data(
                        Cityscapes.open(root, train ? "train" : "val"),
                        crop(crop, 512, 1024),
                        2048,
                        1024,
                        limit);
            case "ade20k":
                return data(
                        Ade20k.open(root, train ? "training" : "validation"),
                        crop(crop, 512, 512),
                        2048,
                        512,
                        limit);
            default:
                throw new IllegalArgumentException(
                        "Unknown dataset '" + name + "'; known: " + NAMES);
        }
    }

    /** The requested crop, or the dataset's standard one. */
    private static PixelSize crop(PixelSize requested, int height, int width) {
        return requested != null ? requested : new PixelSize(height, width);
    }

    private static LabeledData data(
            SegmentationSet set, PixelSize crop, int scaleLong, int scaleShort, int limit) {
        return new SegmentationData(
                set,
                new FeatureShape(3, crop.height(), crop.width()),
                SegmentationAugmentation.standard(
                        crop.height(), crop.width(), scaleLong, scaleShort),
                limit);
    }

    /** Generates the scene set once (fixed seeds), from Fashion-MNIST's train and test items. */
    static void ensureScenes(Path root) throws IOException {
        GeneratedSet.ensure(
                "fashion-scenes",
                root,
                root.resolve("ImageSets/Segmentation/val.txt"),
                FashionScenes.VERSION,
                () -> {
                    RawImages train = FashionMnist.read(FashionMnist.HOME, "train");
                    new FashionScenes(train, SCENE_HEIGHT, SCENE_WIDTH)
                            .write(root, "train", SCENES_TRAIN, 1);
                    RawImages test = FashionMnist.read(FashionMnist.HOME, "test");
                    new FashionScenes(test, SCENE_HEIGHT, SCENE_WIDTH)
                            .write(root, "val", SCENES_VAL, 2);
                });
    }
}
