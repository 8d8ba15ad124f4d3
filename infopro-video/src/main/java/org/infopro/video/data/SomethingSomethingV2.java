package org.infopro.video.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.infopro.core.data.DataPaths;

/**
 * Something-Something V2 over frame folders (or video files): {@code
 * something-something-v2-labels.json} maps each template (placeholders written "something") to its
 * class index; the train and validation files list {@code {"id", "label", "template",
 * "placeholders"}}; the class of an entry is its template with the brackets removed. Frames of clip
 * {@code id} are read from {@code frames/<id>/}.
 *
 * <p>Its classes depend on direction ("pushing from left to right"), so training must not flip.
 */
public final class SomethingSomethingV2 {

    static final String LABELS = "something-something-v2-labels.json";

    private SomethingSomethingV2() {}

    /** Template → class index. */
    static Map<String, Integer> labels(Path annotations) throws IOException {
        Map<String, Integer> labels = new HashMap<>();
        Path file = annotations.resolve(LABELS);
        for (Map.Entry<String, JsonElement> e : parse(file).getAsJsonObject().entrySet()) {
            try {
                labels.put(e.getKey(), Integer.parseInt(e.getValue().getAsString()));
            } catch (RuntimeException bad) {
                throw new IOException(file + ": template '" + e.getKey() + "' has no number");
            }
        }
        return labels;
    }

    /**
     * @param annotations folder of the JSON files
     * @param frames root of the frame folders
     * @param list e.g. {@code something-something-v2-train.json}
     */
    public static List<VideoClip> open(Path annotations, Path frames, String list)
            throws IOException {
        Path labelsFile = annotations.resolve(LABELS);
        Map<String, Integer> labels = labels(annotations);
        Path listFile = annotations.resolve(list);
        JsonArray entries = parse(listFile).getAsJsonArray();
        List<VideoClip> clips = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = listFile + " entry " + i;
            JsonObject entry = entries.get(i).getAsJsonObject();
            if (!entry.has("id") || !entry.has("template")) {
                throw new IOException(where + ": needs 'id' and 'template'");
            }
            String id = entry.get("id").getAsString();
            String template = entry.get("template").getAsString().replace("[", "").replace("]", "");
            Integer label = labels.get(template);
            if (label == null) {
                throw new IOException(
                        where
                                + ": template '"
                                + template
                                + "' is not in "
                                + labelsFile.getFileName());
            }
            Path folder = DataPaths.inside(frames, id, where);
            clips.add(FrameFolders.locate(id, folder, label, where));
        }
        return clips;
    }

    private static JsonElement parse(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": file not found");
        }
        try {
            return JsonParser.parseString(Files.readString(file));
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }
}
