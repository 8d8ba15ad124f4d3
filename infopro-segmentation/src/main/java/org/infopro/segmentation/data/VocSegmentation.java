package org.infopro.segmentation.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.data.DataPaths;
import org.infopro.segmentation.data.SegmentationSet.Sample;

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

    private VocSegmentation() {}

    /**
     * Reads a split list and checks that every listed image and mask exists.
     *
     * @param classes number of classes (21 for VOC; generated sets may differ)
     * @throws IOException naming the list, or the image or mask a line points to, when missing
     */
    public static SegmentationSet open(Path root, String split, int classes) throws IOException {
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
            if (!line.isEmpty()) {
                String where = list + " line " + (n + 1);
                samples.add(checked(parse(root, line, where), where));
            }
        }
        return new SegmentationSet(
                samples,
                classes,
                v -> v == SegmentationSet.IGNORE || v < classes ? v : -1,
                "0.." + (classes - 1) + " and 255");
    }

    /** The sample, after checking that its files exist; {@code where} names the list entry. */
    static Sample checked(Sample sample, String where) throws IOException {
        if (!Files.isRegularFile(sample.image())) {
            throw new IOException(where + ": image " + sample.image() + " not found");
        }
        if (!Files.isRegularFile(sample.mask())) {
            throw new IOException(
                    where + ": no mask " + sample.mask() + " for image " + sample.image());
        }
        return sample;
    }

    private static Sample parse(Path root, String line, String where) throws IOException {
        String[] parts = line.split("\\s+");
        if (parts.length >= 2) {
            Path image = DataPaths.inside(root, strip(parts[0]), where);
            String id = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            return new Sample(id, image, DataPaths.inside(root, strip(parts[1]), where));
        }
        return new Sample(
                line,
                DataPaths.inside(root, "JPEGImages/" + line + ".jpg", where),
                DataPaths.inside(root, "SegmentationClass/" + line + ".png", where));
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
