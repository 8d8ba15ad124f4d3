package org.infopro.classification.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An ImageNet-style listing: one folder per class under the split (classes indexed in sorted order,
 * as torchvision's {@code ImageFolder}), or, for a validation split kept flat, the images beside a
 * {@code labels.txt} whose lines read {@code <file name> <class folder name or index>}.
 */
public final class ImageFolders {

    /** One listed image. */
    public record Sample(Path file, int label) {}

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp");

    private ImageFolders() {}

    /**
     * Lists a split's images.
     *
     * @param classes the class folder names in index order (from the training split)
     * @throws IOException naming the folder or labels file when the split is missing, empty, or a
     *     label line is malformed or names an unknown class or a missing file
     */
    public static List<Sample> list(Path split, List<String> classes) throws IOException {
        if (!Files.isDirectory(split)) {
            throw new IOException(split + ": folder not found");
        }
        Path labels = split.resolve("labels.txt");
        List<Sample> samples =
                Files.isRegularFile(labels)
                        ? fromLabels(labels, classes)
                        : fromFolders(split, classes);
        if (samples.isEmpty()) {
            throw new IOException(split + ": no images (.jpg, .jpeg, .png, .bmp) found");
        }
        return samples;
    }

    /** The class folder names under a split, sorted. */
    public static List<String> classes(Path split) throws IOException {
        if (!Files.isDirectory(split)) {
            throw new IOException(split + ": folder not found");
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(split)) {
            entries.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        }
        if (names.isEmpty()) {
            throw new IOException(split + ": no class folders");
        }
        Collections.sort(names);
        return names;
    }

    private static List<Sample> fromFolders(Path split, List<String> classes) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path folder = split.resolve(classes.get(c));
            if (!Files.isDirectory(folder)) {
                continue; // a class may have no validation images
            }
            List<Path> files = new ArrayList<>();
            try (Stream<Path> entries = Files.list(folder)) {
                entries.filter(ImageFolders::isImage).forEach(files::add);
            }
            Collections.sort(files);
            for (Path file : files) {
                samples.add(new Sample(file, c));
            }
        }
        return samples;
    }

    private static List<Sample> fromLabels(Path labels, List<String> classes) throws IOException {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        List<Sample> samples = new ArrayList<>();
        List<String> lines = Files.readAllLines(labels);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String where = labels + " line " + (i + 1) + ": ";
            if (parts.length != 2) {
                throw new IOException(where + "expected '<file> <class>', got '" + line + "'");
            }
            Integer label = index.get(parts[1]);
            if (label == null && parts[1].matches("\\d+")) {
                label = Integer.parseInt(parts[1]);
            }
            if (label == null || label < 0 || label >= classes.size()) {
                throw new IOException(where + "unknown class '" + parts[1] + "'");
            }
            Path file = labels.resolveSibling(parts[0]);
            if (!Files.isRegularFile(file)) {
                throw new IOException(where + "image " + file + " not found");
            }
            samples.add(new Sample(file, label));
        }
        return samples;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
