package org.infopro.video.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.infopro.core.data.DataPaths;

/**
 * HMDB51's official splits over frame folders or video files: one file per class and split, {@code
 * <class>_test_split<S>.txt}, whose lines "video.avi T" tag each clip 1 (train), 2 (test) or 0
 * (unused). Classes are numbered in alphabetical order. Frames of {@code video.avi} are read from
 * {@code frames/<class>/video/img_00001.jpg}.
 */
public final class Hmdb51 {

    private Hmdb51() {}

    /**
     * @param splits folder of the split files
     * @param frames root of the frame folders
     * @param split 1, 2 or 3
     * @param train the training clips (tag 1) or the test clips (tag 2)
     */
    public static List<VideoClip> open(Path splits, Path frames, int split, boolean train)
            throws IOException {
        TreeMap<String, Path> files = classFiles(splits, split);
        String wanted = train ? "1" : "2";
        List<VideoClip> clips = new ArrayList<>();
        int label = 0;
        for (var entry : files.entrySet()) {
            List<String> lines = Ucf101.readLines(entry.getValue());
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).trim();
                if (line.isEmpty()) {
                    continue;
                }
                String where = entry.getValue() + " line " + (n + 1);
                String[] parts = line.split("\\s+");
                if (parts.length != 2 || !parts[1].matches("[012]")) {
                    throw new IOException(
                            where + ": expected 'video.avi 0|1|2', got '" + line + "'");
                }
                if (parts[1].equals(wanted)) {
                    Path folder =
                            DataPaths.inside(
                                    frames,
                                    entry.getKey() + "/" + parts[0].replaceFirst("\\.[^.]+$", ""),
                                    where);
                    clips.add(FrameFolders.locate(parts[0], folder, label, where));
                }
            }
            label++;
        }
        return clips;
    }

    /** Class name → its split file, in alphabetical order (the class order of the labels). */
    static TreeMap<String, Path> classFiles(Path splits, int split) throws IOException {
        String suffix = "_test_split" + split + ".txt";
        TreeMap<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(splits)) {
            throw new IOException(splits + ": split folder not found");
        }
        try (Stream<Path> listed = Files.list(splits)) {
            listed.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .forEach(
                            p -> {
                                String name = p.getFileName().toString();
                                files.put(name.substring(0, name.length() - suffix.length()), p);
                            });
        }
        if (files.isEmpty()) {
            throw new IOException(splits + ": no *" + suffix + " split files");
        }
        return files;
    }
}
