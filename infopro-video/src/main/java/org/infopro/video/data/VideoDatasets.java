package org.infopro.video.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.infopro.core.config.PixelSize;
import org.infopro.core.config.RunConfig;
import org.infopro.core.data.FashionMnist;
import org.infopro.core.data.GeneratedSet;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.RawImages;
import org.infopro.core.spi.DatasetProvider;

/**
 * Video datasets, each under one root folder, clips as frame folders or video files under {@code
 * frames/}:
 *
 * <ul>
 *   <li>{@code ucf101}: {@code ucfTrainTestlist/} (classInd.txt, trainlist01.txt, testlist01.txt);
 *   <li>{@code hmdb51}: {@code testTrainMulti_7030_splits/} (split 1);
 *   <li>{@code sthv2}: {@code labels/} (something-something-v2-labels.json, -train.json,
 *       -validation.json); never flipped, its classes name directions;
 *   <li>{@code motion-clips}: the generated set ({@link MotionClips}), written on first use under
 *       {@code ~/.cache/infopro/motion-clips} in UCF101's layout and read by the UCF101 reader;
 *       64×64 frames, 56×56 inputs, never flipped (left and right are classes).
 * </ul>
 *
 * Real sets use TSM's 224×224 inputs; {@code --crop SxS} sets another input side. Frames per clip
 * and test clips come from the run ({@link VideoOptions}).
 */
public final class VideoDatasets implements DatasetProvider {

    /** Generated clips: frame side, frames per clip, clips per class in each split. */
    public static final int MOTION_SIZE = 64;

    /** Frames per generated motion clip. */
    public static final int MOTION_FRAMES = 16;

    /** Generated training clips per class. */
    public static final int MOTION_TRAIN_PER_CLASS = 160;

    /** Generated test clips per class. */
    public static final int MOTION_TEST_PER_CLASS = 20;

    /** Input side for the generated clips: 64 = 56 × 256/224, TSM's test-time ratio. */
    public static final int MOTION_INPUT = 56;

    private static final List<String> NAMES = List.of("motion-clips", "ucf101", "hmdb51", "sthv2");

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(NAMES);
    }

    @Override
    public Optional<Path> defaultRoot(String name) {
        return "motion-clips".equals(name)
                ? Optional.of(
                        Paths.get(
                                System.getProperty("user.home"),
                                ".cache",
                                "infopro",
                                "motion-clips"))
                : Optional.empty();
    }

    @Override
    public LabeledData open(String name, Path root, String split, int limit) throws IOException {
        return open(name, root, split, limit, RunConfig.defaults());
    }

    @Override
    public LabeledData open(String name, Path root, String split, int limit, RunConfig run)
            throws IOException {
        boolean train = split.equals("train");
        Path frames = root.resolve("frames");
        switch (name) {
            case "motion-clips":
                ensureMotionClips(root);
            // fall through: the generated set is a UCF101-layout set
            case "ucf101":
                {
                    Path splits = root.resolve("ucfTrainTestlist");
                    List<VideoClip> clips =
                            Ucf101.open(
                                    splits, frames, train ? "trainlist01.txt" : "testlist01.txt");
                    int classes = Ucf101.classIndex(splits.resolve("classInd.txt")).size();
                    boolean generated = name.equals("motion-clips");
                    return data(
                            clips, classes, generated ? MOTION_INPUT : 224, !generated, run, limit);
                }
            case "hmdb51":
                {
                    Path splits = root.resolve("testTrainMulti_7030_splits");
                    return data(
                            Hmdb51.open(splits, frames, 1, train),
                            Hmdb51.classFiles(splits, 1).size(),
                            224,
                            true,
                            run,
                            limit);
                }
            case "sthv2":
                {
                    Path labels = root.resolve("labels");
                    String list =
                            train
                                    ? "something-something-v2-train.json"
                                    : "something-something-v2-validation.json";
                    return data(
                            SomethingSomethingV2.open(labels, frames, list),
                            SomethingSomethingV2.labels(labels).size(),
                            224,
                            false,
                            run,
                            limit);
                }
            default:
                throw new IllegalArgumentException(
                        "Unknown dataset '" + name + "'; known: " + NAMES);
        }
    }

    private static LabeledData data(
            List<VideoClip> clips, int classes, int size, boolean flip, RunConfig run, int limit) {
        PixelSize crop = run.crop();
        if (crop != null && !crop.isSquare()) {
            throw new IllegalArgumentException("Video inputs are square; got --crop " + crop);
        }
        VideoOptions sampling = VideoOptions.of(run);
        return new VideoData(
                clips,
                classes,
                sampling.segments(),
                sampling.testClips(),
                new VideoAugmentation(crop != null ? crop.height() : size, flip),
                limit);
    }

    /** Generates the motion clips once (fixed seeds) from Fashion-MNIST's train and test items. */
    static void ensureMotionClips(Path root) throws IOException {
        GeneratedSet.ensure(
                "motion-clips",
                root,
                root.resolve("ucfTrainTestlist/testlist01.txt"),
                MotionClips.VERSION,
                () -> {
                    deleteTree(root.resolve("frames")); // an older set's clips may differ in kind
                    MotionClips.writeClassIndex(root);
                    RawImages train = FashionMnist.read(FashionMnist.HOME, "train");
                    new MotionClips(train, MOTION_SIZE, MOTION_FRAMES)
                            .write(root, true, MOTION_TRAIN_PER_CLASS, 1);
                    RawImages test = FashionMnist.read(FashionMnist.HOME, "test");
                    new MotionClips(test, MOTION_SIZE, MOTION_FRAMES)
                            .write(root, false, MOTION_TEST_PER_CLASS, 2);
                });
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
