package org.infopro.video.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infopro.core.data.DataPaths;

/**
 * UCF101's official splits over frame folders or video files: {@code classInd.txt} ("1
 * ApplyEyeMakeup"), {@code trainlist0S.txt} ("ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi 1") and
 * {@code testlist0S.txt} (no label: the class comes from the folder name). Frames of {@code
 * Class/v_….avi} are read from {@code frames/Class/v_…/img_00001.jpg}, or from the video {@code
 * frames/Class/v_….avi} where there is no frame folder.
 */
public final class Ucf101 {

    private Ucf101() {}

    /**
     * @param splits folder of classInd.txt and the split lists
     * @param frames root of the frame folders
     * @param list e.g. {@code trainlist01.txt}
     * @throws IOException naming the file and line when a list is malformed, a class is not in
     *     classInd.txt, or a clip's frame folder is missing or empty
     */
    public static List<VideoClip> open(Path splits, Path frames, String list) throws IOException {
        Map<String, Integer> classes = classIndex(splits.resolve("classInd.txt"));
        Path listFile = splits.resolve(list);
        List<String> lines = readLines(listFile);
        List<VideoClip> clips = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = listFile + " line " + (n + 1);
            String video = line.split("\\s+")[0];
            int slash = video.indexOf('/');
            if (slash <= 0) {
                throw new IOException(where + ": expected Class/video.avi, got '" + line + "'");
            }
            String className = video.substring(0, slash);
            Integer label = classes.get(className);
            if (label == null) {
                throw new IOException(where + ": class '" + className + "' is not in classInd.txt");
            }
            String name = video.substring(slash + 1).replaceFirst("\\.[^.]+$", "");
            Path folder = DataPaths.inside(frames, className + "/" + name, where);
            clips.add(FrameFolders.locate(video, folder, label, where));
        }
        return clips;
    }

    /** Class name → 0-based label from the 1-based classInd.txt. */
    static Map<String, Integer> classIndex(Path file) throws IOException {
        Map<String, Integer> classes = new LinkedHashMap<>();
        List<String> lines = readLines(file);
        for (int n = 0; n < lines.size(); n++) {
            String[] parts = lines.get(n).trim().split("\\s+");
            if (parts.length == 1 && parts[0].isEmpty()) {
                continue;
            }
            try {
                classes.put(parts[1], Integer.parseInt(parts[0]) - 1);
            } catch (RuntimeException e) {
                throw new IOException(
                        file
                                + " line "
                                + (n + 1)
                                + ": expected 'index ClassName', got '"
                                + lines.get(n)
                                + "'");
            }
        }
        return classes;
    }

    static List<String> readLines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": file not found");
        }
        return Files.readAllLines(file);
    }
}
