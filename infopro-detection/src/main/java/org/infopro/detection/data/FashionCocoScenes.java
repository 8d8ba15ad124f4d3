package org.infopro.detection.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.infopro.core.data.ImageFiles;
import org.infopro.core.data.OpenCv;
import org.infopro.core.data.RawImages;
import org.infopro.core.data.TexturedBackground;
import org.infopro.core.io.Json;
import org.infopro.detection.eval.Rle;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.imgproc.Imgproc;

/**
 * The generated detection benchmark: scenes of 1–6 Fashion-MNIST items, scaled 1–2.5× (28–70 px),
 * tinted and placed on textured backgrounds, overlapping allowed, written as COCO (JPEG images and
 * {@code annotations/instances_<split>2017.json}) and read back by {@link CocoAnnotations}.
 *
 * <p>Category = item class (ids 1–10). Each object's mask is what remains visible of its item; the
 * box is the mask's tight box, the segmentation the mask's outer contours as polygons, and the area
 * that of the polygons as COCO rasterises them. An item is not placed where it would hide more than
 * half of an earlier one, so every drawn item is annotated and recognisable.
 */
public final class FashionCocoScenes {

    /** Bumped whenever the generator's output changes, so stale generated sets are rebuilt. */
    public static final int VERSION = 1;

    /** Fashion-MNIST's class names, the category names. */
    public static final List<String> CATEGORIES =
            List.of(
                    "t-shirt",
                    "trouser",
                    "pullover",
                    "dress",
                    "coat",
                    "sandal",
                    "shirt",
                    "sneaker",
                    "bag",
                    "ankle-boot");

    /** Item pixels brighter than this belong to the item's mask. */
    private static final int MASK_THRESHOLD = 40;

    private static final int MAX_ITEMS = 6;
    private static final int PLACEMENT_TRIES = 8;

    private final RawImages items;
    private final int height;
    private final int width;

    /**
     * @param items Fashion-MNIST images (28×28 grey)
     * @param height scene height
     * @param width scene width
     */
    public FashionCocoScenes(RawImages items, int height, int width) {
        if (items.channels() != 1 || items.height() != 28 || items.width() != 28) {
            throw new IllegalArgumentException("items must be 28x28 grey Fashion-MNIST images");
        }
        this.items = items;
        this.height = height;
        this.width = width;
    }

    /**
     * Writes {@code count} scenes of one split ({@code train2017}, {@code val2017}) under {@code
     * root}. Same seed, same files.
     */
    public void write(Path root, String split, int count, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Path folder = root.resolve(split);
        Files.createDirectories(folder);
        JsonArray images = new JsonArray();
        JsonArray annotations = new JsonArray();
        long annotationId = 1;
        for (int n = 0; n < count; n++) {
            long imageId = n + 1;
            String fileName = String.format("%012d.jpg", imageId);
            byte[] rgb = TexturedBackground.draw(random, height, width);
            List<Item> placed = new ArrayList<>();
            int wanted = 1 + random.nextInt(MAX_ITEMS);
            for (int i = 0; i < wanted; i++) {
                place(random, rgb, placed);
            }
            ImageFiles.writeRgb(folder.resolve(fileName), rgb, height, width, "jpg");
            JsonObject image = new JsonObject();
            image.addProperty("id", imageId);
            image.addProperty("file_name", fileName);
            image.addProperty("height", height);
            image.addProperty("width", width);
            images.add(image);
            for (Item item : placed) {
                JsonObject annotation = annotate(item, imageId, annotationId);
                if (annotation != null) {
                    annotations.add(annotation);
                    annotationId++;
                }
            }
        }
        JsonObject file = new JsonObject();
        file.add("images", images);
        file.add("annotations", annotations);
        file.add("categories", categories());
        Path json = root.resolve("annotations/instances_" + split + ".json");
        Files.createDirectories(json.getParent());
        try (Writer writer = Files.newBufferedWriter(json)) {
            new com.google.gson.Gson().toJson(file, writer);
        }
    }

    /** A drawn item and the pixels of the scene it still shows. */
    private static final class Item {
        final int label;
        final byte[] visible;

        Item(int label, byte[] visible) {
            this.label = label;
            this.visible = visible;
        }

        int area() {
            int area = 0;
            for (byte b : visible) {
                area += b;
            }
            return area;
        }
    }

    /** Draws one random item where it hides at most half of each earlier one. */
    private void place(SplittableRandom random, byte[] rgb, List<Item> placed) {
        int index = random.nextInt(items.size());
        int size = (int) Math.round(28 * random.nextDouble(1.0, 2.5));
        size = Math.min(size, Math.min(height, width));
        double[] tint = {
            random.nextDouble(0.3, 1), random.nextDouble(0.3, 1), random.nextDouble(0.3, 1)
        };
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            int top = random.nextInt(height - size + 1);
            int left = random.nextInt(width - size + 1);
            byte[] mask = itemMask(index, size, top, left);
            if (hidesTooMuch(mask, placed)) {
                continue;
            }
            for (Item earlier : placed) {
                for (int p = 0; p < mask.length; p++) {
                    if (mask[p] != 0) {
                        earlier.visible[p] = 0;
                    }
                }
            }
            draw(index, size, top, left, tint, rgb);
            placed.add(new Item(items.labels()[index], mask));
            return;
        }
    }

    private byte[] itemMask(int index, int size, int top, int left) {
        byte[] mask = new byte[height * width];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (itemPixel(index, size, y, x) > MASK_THRESHOLD) {
                    mask[(top + y) * width + left + x] = 1;
                }
            }
        }
        return mask;
    }

    private int itemPixel(int index, int size, int y, int x) {
        return items.pixels()[index * 784 + (y * 28 / size) * 28 + x * 28 / size] & 0xFF;
    }

    private static boolean hidesTooMuch(byte[] mask, List<Item> placed) {
        for (Item earlier : placed) {
            int hidden = 0;
            for (int p = 0; p < mask.length; p++) {
                hidden += mask[p] & earlier.visible[p];
            }
            if (2 * hidden > earlier.area()) {
                return true;
            }
        }
        return false;
    }

    private void draw(int index, int size, int top, int left, double[] tint, byte[] rgb) {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = itemPixel(index, size, y, x);
                if (v <= MASK_THRESHOLD) {
                    continue;
                }
                int p = (top + y) * width + left + x;
                for (int c = 0; c < 3; c++) {
                    rgb[p * 3 + c] =
                            (byte)
                                    TexturedBackground.clampByte(
                                            255 * tint[c] * (0.35 + 0.65 * v / 255.0));
                }
            }
        }
    }

    /** The item's COCO annotation, or null when too little of it is left to outline. */
    private JsonObject annotate(Item item, long imageId, long annotationId) {
        List<double[]> polygons = contours(item.visible);
        if (polygons.isEmpty()) {
            return null;
        }
        double area =
                Rle.union(polygons.stream().map(p -> Rle.fromPolygon(p, height, width)).toList())
                        .area();
        double[] box = tightBox(item.visible);
        JsonObject annotation = new JsonObject();
        annotation.addProperty("id", annotationId);
        annotation.addProperty("image_id", imageId);
        annotation.addProperty("category_id", item.label + 1);
        annotation.add("bbox", Json.GSON.toJsonTree(box));
        annotation.addProperty("area", area);
        annotation.addProperty("iscrowd", 0);
        annotation.add("segmentation", Json.GSON.toJsonTree(polygons));
        return annotation;
    }

    /** Outer contours of a mask as polygons of at least three points. */
    private List<double[]> contours(byte[] mask) {
        Mat image = OpenCv.mat(mask, height, width, 1);
        List<MatOfPoint> found = new ArrayList<>();
        Mat hierarchy = new Mat();
        Imgproc.findContours(
                image, found, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
        image.release();
        hierarchy.release();
        List<double[]> polygons = new ArrayList<>();
        for (MatOfPoint contour : found) {
            Point[] points = contour.toArray();
            contour.release();
            if (points.length < 3) {
                continue;
            }
            double[] xy = new double[points.length * 2];
            for (int i = 0; i < points.length; i++) {
                xy[2 * i] = points[i].x;
                xy[2 * i + 1] = points[i].y;
            }
            polygons.add(xy);
        }
        return polygons;
    }

    /** {x, y, w, h} of a mask's pixels. */
    private double[] tightBox(byte[] mask) {
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (mask[y * width + x] != 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return new double[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
    }

    private static JsonArray categories() {
        JsonArray categories = new JsonArray();
        for (int i = 0; i < CATEGORIES.size(); i++) {
            JsonObject category = new JsonObject();
            category.addProperty("id", i + 1);
            category.addProperty("name", CATEGORIES.get(i));
            category.addProperty("supercategory", "fashion");
            categories.add(category);
        }
        return categories;
    }
}
