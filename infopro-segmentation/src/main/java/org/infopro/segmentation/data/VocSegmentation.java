package org.infopro.segmentation.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PASCAL VOC 2012 segmentation in its published layout: {@code JPEGImages/<id>.jpg}, {@code
 * SegmentationClass/<id>.png} (palette PNG, index = class, 255 = border/ignore) and the split lists
 * {@code ImageSets/Segmentation/<split>.txt}.
 *
 * <p>A list line holds either an id, or an image path and a mask path relative to the root, as in
 * the SBD "aug" lists ({@code /JPEGImages/x.jpg /SegmentationClassAug/x.png}).
 */
public final class VocSegmentation {

    /** Background + 20 object classes. */
    public static final int CLASSES = 21;

    /** Label of unlabelled pixels. */
    public static final int IGNORE = 255;

    /** One listed sample: its image and its mask. */
    public record Sample(String id, Path image, Path mask) {}

    private final Path root;
    private final List<Sample> samples;
    private final int classes;

    private VocSegmentation(Path root, List<Sample> samples, int classes) {
        this.root = root;
        this.samples = samples;
        this.classes = classes;
    }

    /**
     * Reads a split list and checks that every listed image and mask exists.
     *
     * @param classes number of classes (21 for VOC; generated sets may differ)
     * @throws IOException naming the list, or the image or mask a line points to, when missing
     */
    public static VocSegmentation open(Path root, String split, int classes) throws IOException {
        Path list = root.resolve("ImageSets/Segmentation/" + split + ".txt");
        List<String> lines;
        try {
            lines = Files.readAllLines(list);
        } catch (NoSuchFileException e) {
            throw new IOException(list + ": split list not found", e);
        }
        List<Sample> samples = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            Sample sample = parse(root, line);
            if (!Files.isRegularFile(sample.image())) {
                throw new IOException(
                        list + " line " + (n + 1) + ": image " + sample.image() + " not found");
            }
            if (!Files.isRegularFile(sample.mask())) {
                throw new IOException(
                        list
                                + " line "
                                + (n + 1)
                                + ": no mask "
                                + sample.mask()
                                + " for image "
                                + sample.image());
            }
            samples.add(sample);
        }
        return new VocSegmentation(root, samples, classes);
    }

    private static Sample parse(Path root, String line) {
        String[] parts = line.split("\\s+");
        if (parts.length >= 2) {
            Path image = root.resolve(strip(parts[0]));
            String id = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            return new Sample(id, image, root.resolve(strip(parts[1])));
        }
        return new Sample(
                line,
                root.resolve("JPEGImages/" + line + ".jpg"),
                root.resolve("SegmentationClass/" + line + ".png"));
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** The listed samples in order. */
    public List<Sample> samples() {
        return samples;
    }

    /** The dataset folder. */
    public Path root() {
        return root;
    }

    /**
     * Decodes one sample.
     *
     * @throws IOException naming the file when the mask's size differs from the image's, or a label
     *     is neither a class index nor 255
     */
    public LabelMap read(int index) throws IOException {
        Sample sample = samples.get(index);
        int[] imageSize = new int[2];
        byte[] rgb = Images.readRgb(sample.image(), imageSize);
        int[] maskSize = new int[2];
        int[] labels = Images.readMask(sample.mask(), maskSize);
        if (imageSize[0] != maskSize[0] || imageSize[1] != maskSize[1]) {
            throw new IOException(
                    sample.mask()
                            + ": mask is "
                            + maskSize[1]
                            + "x"
                            + maskSize[0]
                            + " but image "
                            + sample.image()
                            + " is "
                            + imageSize[1]
                            + "x"
                            + imageSize[0]);
        }
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label != IGNORE && (label < 0 || label >= classes)) {
                throw new IOException(
                        sample.mask()
                                + ": pixel ("
                                + (i % maskSize[1])
                                + ", "
                                + (i / maskSize[1])
                                + ") has label "
                                + label
                                + ", outside 0.."
                                + (classes - 1)
                                + " and not "
                                + IGNORE);
            }
        }
        return new LabelMap(rgb, labels, imageSize[0], imageSize[1]);
    }
}
