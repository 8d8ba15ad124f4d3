package org.infopro.detection.eval;

import ai.djl.ndarray.NDList;
import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infopro.core.io.AtomicFiles;
import org.infopro.core.metric.TaskMetric;
import org.infopro.detection.data.DetectionTargets;
import org.infopro.detection.eval.CocoEvaluator.Detection;
import org.infopro.detection.eval.CocoEvaluator.GroundTruth;
import org.infopro.detection.eval.CocoEvaluator.IouType;

/**
 * The detection task's metric: collects every evaluated image's ground truth and detections in
 * original image pixels, then runs {@link CocoEvaluator} for boxes and, when the detector predicts
 * masks, for masks. Values are in percent: {@code box_ap}, {@code box_ap50}, {@code box_ap75},
 * {@code box_aps}, {@code box_apm}, {@code box_apl}, {@code box_ar1}, {@code box_ar10}, {@code
 * box_ar100}, and the same with {@code mask_}; -1 where COCO leaves a value undefined.
 */
public final class CocoMetric implements TaskMetric {

    private static final String[] STATS = {
        "AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"
    };

    private final int classes;
    private final Set<Long> images = new LinkedHashSet<>();
    private final List<GroundTruth> truths = new ArrayList<>();
    private final List<Detection> detections = new ArrayList<>();
    private long[] categoryIds;
    private boolean masks;

    /** An empty accumulator for {@code classes} categories. */
    public CocoMetric(int classes) {
        this.classes = classes;
    }

    /**
     * @param outputs the detector's boxes (N, D, 4) in input pixels, scores (N, D), labels (N, D)
     *     (-1 for none), and optionally mask probabilities (N, D, 28, 28)
     * @param labels the batch's {@link DetectionTargets} (evaluation pass)
     */
    @Override
    public void update(NDList outputs, NDList labels) {
        DetectionTargets targets = DetectionTargets.of(labels);
        masks = outputs.size() > 3;
        categoryIds = targets.categories().toLongArray();
        double[] meta = targets.images().toDoubleArray();
        float[] gtBoxes = targets.boxes().toFloatArray();
        long[] gtClasses = targets.classes().toLongArray();
        float[] crowd = targets.crowd().toFloatArray();
        float[] areas = targets.areas().toFloatArray();
        byte[] gtMasks = masks ? targets.masks().toByteArray() : null;
        long[] maskShape = targets.masks().getShape().getShape();
        float[] boxes = outputs.get(0).toFloatArray();
        float[] scores = outputs.get(1).toFloatArray();
        long[] detClasses = outputs.get(2).toLongArray();
        float[] probabilities = masks ? outputs.get(3).toFloatArray() : null;
        int n = (int) targets.classes().getShape().get(0);
        int g = (int) targets.classes().getShape().get(1);
        int d = (int) outputs.get(1).getShape().get(1);
        int maskSize = masks ? (int) outputs.get(3).getShape().get(2) : 0;
        for (int i = 0; i < n; i++) {
            long image = (long) meta[i * 5];
            int height = (int) meta[i * 5 + 3];
            int width = (int) meta[i * 5 + 4];
            double sy = meta[i * 5 + 1] / height;
            double sx = meta[i * 5 + 2] / width;
            images.add(image);
            for (int o = 0; o < g; o++) {
                int slot = i * g + o;
                if (gtClasses[slot] < 0) {
                    continue;
                }
                double[] box = original(gtBoxes, slot, sx, sy, height, width);
                Rle mask =
                        masks
                                ? Rle.fromMask(
                                        crop(gtMasks, slot, maskShape, height, width),
                                        height,
                                        width)
                                : null;
                truths.add(
                        new GroundTruth(
                                image,
                                (int) gtClasses[slot],
                                xywh(box),
                                mask,
                                areas[slot],
                                crowd[slot] > 0));
            }
            for (int k = 0; k < d; k++) {
                int slot = i * d + k;
                if (detClasses[slot] < 0) {
                    continue;
                }
                double[] box = original(boxes, slot, sx, sy, height, width);
                Rle mask = null;
                if (masks) {
                    float[] p = new float[maskSize * maskSize];
                    System.arraycopy(probabilities, slot * p.length, p, 0, p.length);
                    mask =
                            Rle.fromMask(
                                    MaskPaster.paste(p, maskSize, box, height, width),
                                    height,
                                    width);
                }
                detections.add(
                        new Detection(
                                image, (int) detClasses[slot], xywh(box), mask, scores[slot]));
            }
        }
    }

    /** A box {x1, y1, x2, y2} of the input taken back to the original image and clipped to it. */
    private static double[] original(
            float[] boxes, int slot, double sx, double sy, int height, int width) {
        return new double[] {
            clamp(boxes[slot * 4] / sx, width),
            clamp(boxes[slot * 4 + 1] / sy, height),
            clamp(boxes[slot * 4 + 2] / sx, width),
            clamp(boxes[slot * 4 + 3] / sy, height)
        };
    }

    private static double clamp(double value, int limit) {
        return Math.max(0, Math.min(limit, value));
    }

    private static double[] xywh(double[] box) {
        return new double[] {box[0], box[1], box[2] - box[0], box[3] - box[1]};
    }

    /** One object's mask cut from the batch's padded (N, G, H, W) array to the image's size. */
    private static byte[] crop(byte[] all, int slot, long[] shape, int height, int width) {
        int h = (int) shape[2];
        int w = (int) shape[3];
        byte[] mask = new byte[height * width];
        for (int y = 0; y < height; y++) {
            System.arraycopy(all, (slot * h + y) * w, mask, y * width, width);
        }
        return mask;
    }

    @Override
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        put(values, "box_", evaluate(IouType.BBOX));
        if (masks) {
            put(values, "mask_", evaluate(IouType.SEGM));
        }
        return values;
    }

    private Map<String, Double> evaluate(IouType type) {
        List<Integer> categories = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            categories.add(c);
        }
        CocoEvaluator evaluator = new CocoEvaluator(type, images, categories);
        truths.forEach(evaluator::add);
        detections.forEach(evaluator::add);
        return evaluator.evaluate();
    }

    private static void put(Map<String, Double> values, String prefix, Map<String, Double> stats) {
        for (String stat : STATS) {
            double value = stats.get(stat);
            values.put(prefix + stat.toLowerCase(), value < 0 ? -1 : 100 * value);
        }
    }

    @Override
    public String primary() {
        return "box_ap";
    }

    /** Box AP50 and AP75, and mask AP and AP50 when the detector predicts masks. */
    @Override
    public List<String> secondary() {
        return List.of("box_ap50", "box_ap75", "mask_ap", "mask_ap50");
    }

    /**
     * Writes {@code <base>.bbox.json} (and {@code <base>.segm.json} for masks) in COCO's results
     * format: image id, the file's category id, box {x, y, w, h}, score (and the mask as compressed
     * RLE).
     */
    @Override
    public void writePredictions(Path base) throws IOException {
        write(Path.of(base + ".bbox.json"), false);
        if (masks) {
            write(Path.of(base + ".segm.json"), true);
        }
    }

    private void write(Path file, boolean segmentation) throws IOException {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Detection detection : detections) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("image_id", detection.imageId());
            result.put("category_id", categoryIds[detection.category()]);
            result.put("bbox", detection.box());
            result.put("score", detection.score());
            if (segmentation) {
                Rle mask = detection.mask();
                result.put(
                        "segmentation",
                        Map.of(
                                "size",
                                new int[] {mask.height(), mask.width()},
                                "counts",
                                mask.toCompressedString()));
            }
            results.add(result);
        }
        AtomicFiles.writeString(file, new Gson().toJson(results));
    }
}
