package org.infopro.segmentation.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.infopro.segmentation.data.SegmentationSet.Sample;

/**
 * Cityscapes fine annotations: {@code leftImg8bit/<split>/<city>/<name>_leftImg8bit.png} with
 * {@code gtFine/<split>/<city>/<name>_gtFine_labelIds.png}. The 34 label ids are mapped to the 19
 * training ids of the benchmark; every other id becomes 255 (ignored).
 */
public final class Cityscapes {

    /** Training classes. */
    public static final int CLASSES = 19;

    /** Label id → train id (255 = ignored), from the dataset's label definitions. */
    private static final int[] TRAIN_ID = new int[34];

    static {
        java.util.Arrays.fill(TRAIN_ID, SegmentationSet.IGNORE);
        int[] evaluated = {
            7, 8, 11, 12, 13, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33
        };
        for (int trainId = 0; trainId < evaluated.length; trainId++) {
            TRAIN_ID[evaluated[trainId]] = trainId;
        }
    }

    private Cityscapes() {}

    /** The train id of a label id, or -1 for a value that is no Cityscapes label id. */
    public static int trainId(int labelId) {
        return labelId >= 0 && labelId < TRAIN_ID.length ? TRAIN_ID[labelId] : -1;
    }

    /**
     * Lists every image of a split with its label mask.
     *
     * @throws IOException naming the folder when the split is missing, or the mask an image lacks
     */
    public static SegmentationSet open(Path root, String split) throws IOException {
        Path images = root.resolve("leftImg8bit").resolve(split);
        if (!Files.isDirectory(images)) {
            throw new IOException(images + ": Cityscapes split folder not found");
        }
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(images)) {
            for (Path image :
                    files.filter(p -> p.toString().endsWith("_leftImg8bit.png"))
                            .sorted()
                            .toList()) {
                String name = image.getFileName().toString().replace("_leftImg8bit.png", "");
                Path city = images.relativize(image.getParent());
                Path mask =
                        root.resolve("gtFine")
                                .resolve(split)
                                .resolve(city)
                                .resolve(name + "_gtFine_labelIds.png");
                samples.add(
                        VocSegmentation.checked(new Sample(name, image, mask), images.toString()));
            }
        }
        return new SegmentationSet(samples, CLASSES, Cityscapes::trainId, "label ids 0..33");
    }
}
