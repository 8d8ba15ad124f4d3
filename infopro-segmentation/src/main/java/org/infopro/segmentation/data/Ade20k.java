package org.infopro.segmentation.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.infopro.segmentation.data.SegmentationSet.Sample;

/**
 * ADE20K scene parsing ({@code ADEChallengeData2016}): {@code images/<training|validation>/*.jpg}
 * with {@code annotations/<...>/*.png} holding 0 (other) and classes 1..150. Zero is reduced as
 * mmsegmentation does: 0 → 255 (ignored), k → k-1.
 */
public final class Ade20k {

    /** Training classes after reducing the zero label. */
    public static final int CLASSES = 150;

    private Ade20k() {}

    /**
     * @param split {@code training} or {@code validation}
     * @throws IOException naming the folder when the split is missing, or the mask an image lacks
     */
    public static SegmentationSet open(Path root, String split) throws IOException {
        Path base =
                Files.isDirectory(root.resolve("ADEChallengeData2016"))
                        ? root.resolve("ADEChallengeData2016")
                        : root;
        Path images = base.resolve("images").resolve(split);
        if (!Files.isDirectory(images)) {
            throw new IOException(images + ": ADE20K split folder not found");
        }
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(images)) {
            for (Path image : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                String name = image.getFileName().toString().replace(".jpg", "");
                Path mask = base.resolve("annotations").resolve(split).resolve(name + ".png");
                samples.add(
                        VocSegmentation.checked(new Sample(name, image, mask), images.toString()));
            }
        }
        return new SegmentationSet(samples, CLASSES, Ade20k::reduceZero, "0..150");
    }

    /** 0 → 255, k → k-1 for k in 1..150, -1 otherwise. */
    static int reduceZero(int stored) {
        if (stored == 0) {
            return SegmentationSet.IGNORE;
        }
        return stored <= CLASSES ? stored - 1 : -1;
    }
}
