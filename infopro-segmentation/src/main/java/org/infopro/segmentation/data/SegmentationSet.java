package org.infopro.segmentation.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Listed (image, mask) pairs of one split and the mapping from the values stored in the masks to
 * training labels. The readers of each published layout ({@link VocSegmentation}, {@link
 * Cityscapes}, {@link Ade20k}) only build the list and choose the mapping.
 */
public final class SegmentationSet {

    /** Label of unlabelled pixels. */
    public static final int IGNORE = 255;

    /** One sample: its id, image and mask. */
    public record Sample(String id, Path image, Path mask) {}

    /** Maps a stored mask value to a training label, {@link #IGNORE}, or -1 when invalid. */
    @FunctionalInterface
    public interface LabelMapping {
        /** The label for the stored value {@code stored}: a class, IGNORE, or -1 if invalid. */
        int map(int stored);
    }

    private final List<Sample> samples;
    private final int classes;
    private final LabelMapping mapping;
    private final String validValues;

    /**
     * @param samples the listed pairs
     * @param classes number of training classes
     * @param mapping stored value → training label
     * @param validValues what a mask may hold, for error messages
     */
    public SegmentationSet(
            List<Sample> samples, int classes, LabelMapping mapping, String validValues) {
        this.samples = List.copyOf(samples);
        this.classes = classes;
        this.mapping = mapping;
        this.validValues = validValues;
    }

    /** The listed samples in order. */
    public List<Sample> samples() {
        return samples;
    }

    /** Number of training classes. */
    public int classes() {
        return classes;
    }

    /**
     * Decodes one sample and maps its labels.
     *
     * @throws IOException naming the file when the mask's size differs from the image's, or it
     *     holds a value the dataset does not define
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
            int label = mapping.map(labels[i]);
            if (label < 0) {
                throw new IOException(
                        sample.mask()
                                + ": pixel ("
                                + (i % maskSize[1])
                                + ", "
                                + (i / maskSize[1])
                                + ") has label "
                                + labels[i]
                                + "; valid values are "
                                + validValues);
            }
            labels[i] = label;
        }
        return new LabelMap(rgb, labels, imageSize[0], imageSize[1]);
    }
}
