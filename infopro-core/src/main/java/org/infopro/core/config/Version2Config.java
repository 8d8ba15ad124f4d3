package org.infopro.core.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import org.infopro.core.io.Json;

/**
 * Reads the configurations that version-2 checkpoints and version-1 inference models hold, written
 * before tasks owned their options: the video and segmentation options were settings of every run
 * then, the optimizer was spelled in capitals and crops were {@code [height, width]} arrays. Each
 * is moved to where a current {@link RunConfig} keeps it; an option of another task, which that
 * task ignored, is dropped.
 */
public final class Version2Config {

    private static final List<String> VIDEO = List.of("segments", "testClips");
    private static final List<String> SEGMENTATION =
            List.of("testScales", "testFlip", "testCrop", "testStride");

    private Version2Config() {}

    /**
     * The configuration a version-2 file's JSON describes.
     *
     * @param source the file, for error messages
     * @throws IllegalArgumentException naming the source when the JSON is not a configuration
     */
    public static RunConfig read(String json, String source) {
        JsonObject old = Json.GSON.fromJson(json, JsonObject.class);
        if (old == null) {
            throw new IllegalArgumentException(source + ": not a valid run configuration");
        }
        JsonObject upgraded = old.deepCopy();
        if (upgraded.has("optimizer")) {
            upgraded.addProperty(
                    "optimizer", upgraded.get("optimizer").getAsString().toLowerCase(Locale.ROOT));
        }
        size(upgraded, "crop");
        String task = upgraded.has("task") ? upgraded.get("task").getAsString() : "classification";
        JsonObject options = new JsonObject();
        move(upgraded, task.equals("video") ? VIDEO : List.of(), options);
        move(upgraded, task.equals("segmentation") ? SEGMENTATION : List.of(), options);
        size(options, "testCrop");
        size(options, "testStride");
        VIDEO.forEach(upgraded::remove);
        SEGMENTATION.forEach(upgraded::remove);
        if (!options.isEmpty()) {
            upgraded.add("taskOptions", options);
        }
        return RunConfig.fromJson(Json.GSON.toJson(upgraded), source);
    }

    private static void move(JsonObject from, List<String> keys, JsonObject to) {
        for (String key : keys) {
            JsonElement value = from.remove(key);
            if (value != null && !value.isJsonNull()) {
                to.add(key, value);
            }
        }
    }

    /** {@code [height, width]} → {@code {"height": …, "width": …}}. */
    private static void size(JsonObject object, String key) {
        JsonElement value = object.get(key);
        if (value != null && value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            JsonObject size = new JsonObject();
            size.add("height", array.get(0));
            size.add("width", array.get(1));
            object.add(key, size);
        }
    }
}
