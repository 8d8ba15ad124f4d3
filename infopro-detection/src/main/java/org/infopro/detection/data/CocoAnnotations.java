package org.infopro.detection.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.infopro.core.data.DataPaths;
import org.infopro.detection.eval.Rle;

/**
 * A COCO {@code instances_*.json} file: images, categories and object annotations.
 *
 * <p>Category ids (non-contiguous in COCO: 1..90 for 80 classes) are mapped to contiguous labels in
 * ascending id order, as mmdetection does. Masks may be polygons, plain RLE ({@code counts} list)
 * or compressed RLE ({@code counts} string). Every annotation is checked when the file is read: a
 * problem is reported with the file and the annotation's id.
 */
public final class CocoAnnotations {

    /** Boxes may reach this far past the image border (COCO's own boxes round outwards). */
    private static final double BORDER_TOLERANCE = 1.0;

    private final Path file;
    private final List<CocoImage> images;
    private final Map<Integer, Integer> labels;
    private final List<String> categoryNames;

    private CocoAnnotations(
            Path file,
            List<CocoImage> images,
            Map<Integer, Integer> labels,
            List<String> categoryNames) {
        this.file = file;
        this.images = images;
        this.labels = labels;
        this.categoryNames = categoryNames;
    }

    /**
     * Reads and checks a file.
     *
     * @throws IOException when the file is missing, is not COCO JSON, or an annotation is invalid;
     *     the message names the file and the annotation id
     */
    public static CocoAnnotations read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": annotation file not found");
        }
        JsonObject root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = JsonParser.parseReader(reader).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not a COCO JSON object: " + e.getMessage(), e);
        }
        try {
            return parse(file, root);
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static CocoAnnotations parse(Path file, JsonObject root) {
        TreeMap<Integer, String> categories = new TreeMap<>();
        JsonArray categoryArray = array(root, "categories");
        for (int i = 0; i < categoryArray.size(); i++) {
            JsonObject category = object(categoryArray.get(i), "categories[" + i + "]");
            String where = "categories[" + i + "]";
            categories.put(
                    (int) longField(category, "id", where),
                    field(category, "name", where).getAsString());
        }
        Map<Integer, Integer> labels = new LinkedHashMap<>();
        categories.keySet().forEach(id -> labels.put(id, labels.size()));
        Map<Long, JsonObject> imageEntries = new LinkedHashMap<>();
        Map<Long, List<CocoObject>> objects = new LinkedHashMap<>();
        JsonArray imageArray = array(root, "images");
        for (int i = 0; i < imageArray.size(); i++) {
            String where = "images[" + i + "]";
            JsonObject image = object(imageArray.get(i), where);
            long id = longField(image, "id", where);
            where = "image " + id;
            field(image, "file_name", where).getAsString();
            int height = (int) longField(image, "height", where);
            int width = (int) longField(image, "width", where);
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException(
                        where + ": size " + width + "x" + height + " has no pixels");
            }
            imageEntries.put(id, image);
            objects.put(id, new ArrayList<>());
        }
        int degenerate = 0;
        JsonArray annotationArray = array(root, "annotations");
        for (int i = 0; i < annotationArray.size(); i++) {
            JsonObject annotation = object(annotationArray.get(i), "annotations[" + i + "]");
            long id = longField(annotation, "id", "annotations[" + i + "]");
            try {
                CocoObject object = parseObject(annotation, labels, imageEntries);
                if (object == null) {
                    degenerate++;
                    continue;
                }
                objects.get(object.imageId()).add(object);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "annotation " + id + ": a value that must be a number is not one", e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("annotation " + id + ": " + e.getMessage(), e);
            }
        }
        if (degenerate > 0) {
            // Real COCO has a few boxes under one pixel wide or high; mmdetection skips them too.
            System.err.println(
                    file + ": skipped " + degenerate + " degenerate boxes (width or height < 1)");
        }
        List<CocoImage> images = new ArrayList<>();
        for (Map.Entry<Long, JsonObject> entry : imageEntries.entrySet()) {
            JsonObject image = entry.getValue();
            images.add(
                    new CocoImage(
                            entry.getKey(),
                            image.get("file_name").getAsString(),
                            image.get("height").getAsInt(),
                            image.get("width").getAsInt(),
                            List.copyOf(objects.get(entry.getKey()))));
        }
        return new CocoAnnotations(
                file, List.copyOf(images), labels, List.copyOf(categories.values()));
    }

    private static JsonObject object(JsonElement element, String where) {
        if (element == null || !element.isJsonObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object");
        }
        return element.getAsJsonObject();
    }

    /** A required whole-number field, or an error naming the entry and the field. */
    private static long longField(JsonObject object, String name, String where) {
        JsonElement value = field(object, name, where);
        try {
            double number = value.getAsDouble();
            if (number != Math.rint(number) || Math.abs(number) > 1e15) {
                throw new NumberFormatException();
            }
            return (long) number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    prefix(where) + "\"" + name + "\" must be a whole number, got " + value);
        }
    }

    private static String prefix(String where) {
        return where.isEmpty() ? "" : where + ": ";
    }

    /** A required field, or an error naming the entry and the field. */
    private static JsonElement field(JsonObject object, String name, String where) {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            throw new IllegalArgumentException(prefix(where) + "missing \"" + name + "\"");
        }
        if (!value.isJsonPrimitive()) {
            throw new IllegalArgumentException(
                    prefix(where) + "\"" + name + "\" must be a number or text");
        }
        return value;
    }

    /** The object, or null for a degenerate box (width or height under one pixel). */
    private static CocoObject parseObject(
            JsonObject annotation, Map<Integer, Integer> labels, Map<Long, JsonObject> images) {
        long imageId = longField(annotation, "image_id", "");
        JsonObject image = images.get(imageId);
        if (image == null) {
            throw new IllegalArgumentException("unknown image_id " + imageId);
        }
        int categoryId = (int) longField(annotation, "category_id", "");
        Integer label = labels.get(categoryId);
        if (label == null) {
            throw new IllegalArgumentException(
                    "unknown category_id " + categoryId + " (categories: " + labels.keySet() + ")");
        }
        int height = image.get("height").getAsInt();
        int width = image.get("width").getAsInt();
        double[] box = checkedBox(array(annotation, "bbox"), height, width);
        if (box[2] < 1 || box[3] < 1) {
            return null;
        }
        boolean crowd = annotation.has("iscrowd") && annotation.get("iscrowd").getAsInt() == 1;
        List<double[]> polygons = new ArrayList<>();
        Rle rle = null;
        JsonElement segmentation = annotation.get("segmentation");
        if (segmentation != null && segmentation.isJsonArray()) {
            for (JsonElement polygon : segmentation.getAsJsonArray()) {
                polygons.add(polygon(polygon.getAsJsonArray()));
            }
        } else if (segmentation != null && segmentation.isJsonObject()) {
            rle = rle(segmentation.getAsJsonObject(), height, width);
        }
        double area =
                annotation.has("area") ? annotation.get("area").getAsDouble() : box[2] * box[3];
        return new CocoObject(
                annotation.get("id").getAsLong(),
                imageId,
                categoryId,
                label,
                box,
                area,
                crowd,
                List.copyOf(polygons),
                rle);
    }

    private static double[] checkedBox(JsonArray values, int height, int width) {
        if (values.size() != 4) {
            throw new IllegalArgumentException("bbox must have 4 numbers, got " + values.size());
        }
        double[] box = new double[4];
        for (int i = 0; i < 4; i++) {
            box[i] = values.get(i).getAsDouble();
            if (!Double.isFinite(box[i])) {
                throw new IllegalArgumentException(
                        "bbox " + values + " holds a value that is not a finite number");
            }
        }
        if (box[2] < 0
                || box[3] < 0
                || box[0] < -BORDER_TOLERANCE
                || box[1] < -BORDER_TOLERANCE
                || box[0] + box[2] > width + BORDER_TOLERANCE
                || box[1] + box[3] > height + BORDER_TOLERANCE) {
            throw new IllegalArgumentException(
                    "bbox "
                            + java.util.Arrays.toString(box)
                            + " (x, y, w, h) lies outside the "
                            + width
                            + "x"
                            + height
                            + " image");
        }
        return box;
    }

    private static double[] polygon(JsonArray values) {
        if (values.size() < 6 || values.size() % 2 != 0) {
            throw new IllegalArgumentException(
                    "a polygon needs an even number (at least 6) of coordinates, got "
                            + values.size());
        }
        double[] xy = new double[values.size()];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = values.get(i).getAsDouble();
        }
        return xy;
    }

    private static Rle rle(JsonObject segmentation, int height, int width) {
        JsonArray size = array(segmentation, "size");
        if (size.size() != 2
                || size.get(0).getAsInt() != height
                || size.get(1).getAsInt() != width) {
            throw new IllegalArgumentException(
                    "RLE size "
                            + size
                            + " differs from the image's ["
                            + height
                            + ", "
                            + width
                            + "]");
        }
        JsonElement counts = segmentation.get("counts");
        if (counts == null) {
            throw new IllegalArgumentException("RLE has no counts");
        }
        try {
            if (counts.isJsonPrimitive()) {
                return Rle.fromCompressedString(counts.getAsString(), height, width);
            }
            JsonArray runs = counts.getAsJsonArray();
            int[] values = new int[runs.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = runs.get(i).getAsInt();
            }
            return new Rle(height, width, values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed RLE: " + e.getMessage(), e);
        }
    }

    private static JsonArray array(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value == null || !value.isJsonArray()) {
            throw new IllegalArgumentException("missing array \"" + field + "\"");
        }
        return value.getAsJsonArray();
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** Images in file order, each with its objects. */
    public List<CocoImage> images() {
        return images;
    }

    /** Number of categories (contiguous labels 0..n-1). */
    public int classes() {
        return categoryNames.size();
    }

    /** Category names by label. */
    public List<String> categoryNames() {
        return categoryNames;
    }

    /** The file's category id of each label, in label order. */
    public List<Integer> categoryIds() {
        return List.copyOf(labels.keySet());
    }

    /**
     * Checks that every image file exists under {@code folder}.
     *
     * @throws IOException naming the first missing file, its image id and its annotations
     */
    public void checkImagesExist(Path folder) throws IOException {
        for (CocoImage image : images) {
            Path path = DataPaths.inside(folder, image.fileName(), file + ": image " + image.id());
            if (!Files.isRegularFile(path)) {
                throw new IOException(
                        file
                                + ": image "
                                + image.id()
                                + " ("
                                + path
                                + ") not found; its annotations: "
                                + image.objects().stream()
                                        .map(o -> Long.toString(o.annotationId()))
                                        .toList());
            }
        }
    }
}
