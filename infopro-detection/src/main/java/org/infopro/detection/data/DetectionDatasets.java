package org.infopro.detection.data;

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
import org.infopro.core.spi.DatasetProvider;

/**
 * Detection datasets in the COCO layout ({@code annotations/instances_<split>2017.json} and the
 * image folders {@code train2017}, {@code val2017}): {@code coco} itself, and {@code fashion-coco},
 * the generated set (written on first use from Fashion-MNIST under {@code
 * ~/.cache/infopro/fashion-coco}). The test split is {@code val2017}.
 *
 * <p>Images are resized to fit 1333 × 800 (COCO) or kept at 128 × 128 (fashion-coco); a run's
 * {@code --crop H×W} sets another scale (the longer and shorter side limits).
 */
public final class DetectionDatasets implements DatasetProvider {

    /** Generated scene size. */
    public static final int SCENE_SIZE = 128;

    /** Generated scenes per split. */
    public static final int SCENES_TRAIN = 2000;

    /** Generated scenes in the validation split. */
    public static final int SCENES_VAL = 250;

    private static final List<String> NAMES = List.of("fashion-coco", "coco");

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(NAMES);
    }

    @Override
    public Optional<Path> defaultRoot(String name) {
        return "fashion-coco".equals(name)
                ? Optional.of(
                        Paths.get(
                                System.getProperty("user.home"),
                                ".cache",
                                "infopro",
                                "fashion-coco"))
                : Optional.empty();
    }

    @Override
    public LabeledData open(String name, Path root, String split, int limit) throws IOException {
        return open(name, root, split, limit, (PixelSize) null);
    }

    @Override
    public LabeledData open(String name, Path root, String split, int limit, PixelSize scale)
            throws IOException {
        DetectionPipeline pipeline;
        switch (name) {
            case "fashion-coco":
                ensureScenes(root);
                pipeline = new DetectionPipeline(SCENE_SIZE, SCENE_SIZE);
                break;
            case "coco":
                pipeline = DetectionPipeline.COCO;
                break;
            default:
                throw new IllegalArgumentException(
                        "Unknown dataset '" + name + "'; known: " + NAMES);
        }
        if (scale != null) {
            pipeline =
                    new DetectionPipeline(
                            Math.max(scale.height(), scale.width()),
                            Math.min(scale.height(), scale.width()));
        }
        boolean train = split.equals("train");
        String folder = train ? "train2017" : "val2017";
        CocoAnnotations annotations =
                CocoAnnotations.read(root.resolve("annotations/instances_" + folder + ".json"));
        return new CocoDetectionSet(annotations, root.resolve(folder), pipeline, train, limit);
    }

    /** Generates the scene set once (fixed seeds), from Fashion-MNIST's train and test items. */
    static void ensureScenes(Path root) throws IOException {
        GeneratedSet.ensure(
                "fashion-coco",
                root,
                root.resolve("annotations/instances_val2017.json"),
                FashionCocoScenes.VERSION,
                () -> {
                    new FashionCocoScenes(
                                    FashionMnist.read(FashionMnist.HOME, "train"),
                                    SCENE_SIZE,
                                    SCENE_SIZE)
                            .write(root, "train2017", SCENES_TRAIN, 1);
                    new FashionCocoScenes(
                                    FashionMnist.read(FashionMnist.HOME, "test"),
                                    SCENE_SIZE,
                                    SCENE_SIZE)
                            .write(root, "val2017", SCENES_VAL, 2);
                });
    }
}
