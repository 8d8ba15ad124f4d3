package org.infopro.detection.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.infopro.detection.data.DetectionTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoMetricTest {

    @TempDir Path dir;

    /**
     * One 40×60 image shown to the network at half size (20×30): its object (label 1, file category
     * 7) covers x 10..30, y 8..24 in original pixels.
     */
    private static NDList labels(NDManager m) {
        byte[] mask = new byte[40 * 60];
        for (int y = 8; y < 24; y++) {
            for (int x = 10; x < 30; x++) {
                mask[y * 60 + x] = 1;
            }
        }
        return new DetectionTargets(
                        m.create(new float[] {5, 4, 15, 12}, new Shape(1, 1, 4)),
                        m.create(new long[] {1}, new Shape(1, 1)),
                        m.zeros(new Shape(1, 1)),
                        m.create(new float[] {320}, new Shape(1, 1)),
                        m.create(ByteBuffer.wrap(mask), new Shape(1, 1, 40, 60), DataType.UINT8),
                        m.create(new double[] {42, 20, 30, 40, 60}, new Shape(1, 5)),
                        m.create(new long[] {3, 7}))
                .toList();
    }

    @Test
    void exactDetectionScoresOneForBoxesAndMasksAndIsWrittenAsCocoResults() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] boxes = new float[100 * 4];
            System.arraycopy(new float[] {5, 4, 15, 12}, 0, boxes, 0, 4);
            float[] scores = new float[100];
            scores[0] = 0.9f;
            long[] classes = new long[100];
            Arrays.fill(classes, -1);
            classes[0] = 1;
            float[] masks = new float[100 * 28 * 28];
            Arrays.fill(masks, 0, 28 * 28, 1f); // the whole box
            NDList outputs =
                    new NDList(
                            m.create(boxes, new Shape(1, 100, 4)),
                            m.create(scores, new Shape(1, 100)),
                            m.create(classes, new Shape(1, 100)),
                            m.create(masks, new Shape(1, 100, 28, 28)));
            CocoMetric metric = new CocoMetric(2);
            metric.update(outputs, labels(m));
            Map<String, Double> values = metric.values();
            assertEquals(100, values.get("box_ap"), 1e-9);
            assertEquals(100, values.get("mask_ap"), 1e-9);
            assertEquals(-1, values.get("box_apl"));

            metric.writePredictions(dir.resolve("run"));
            JsonArray results =
                    JsonParser.parseString(Files.readString(dir.resolve("run.bbox.json")))
                            .getAsJsonArray();
            assertEquals(1, results.size());
            JsonObject result = results.get(0).getAsJsonObject();
            assertEquals(42, result.get("image_id").getAsLong());
            assertEquals(7, result.get("category_id").getAsInt());
            assertEquals("[10.0,8.0,20.0,16.0]", result.get("bbox").toString());
            JsonObject segm =
                    JsonParser.parseString(Files.readString(dir.resolve("run.segm.json")))
                            .getAsJsonArray()
                            .get(0)
                            .getAsJsonObject()
                            .getAsJsonObject("segmentation");
            Rle decoded = Rle.fromCompressedString(segm.get("counts").getAsString(), 40, 60);
            assertEquals(320, decoded.area());
        }
    }

    @Test
    void pastedMaskFollowsTheBox() {
        float[] half = new float[28 * 28];
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 14; c++) {
                half[r * 28 + c] = 1; // the left half of the box
            }
        }
        byte[] mask = MaskPaster.paste(half, 28, new double[] {10, 10, 30, 20}, 40, 40);
        int area = 0;
        for (byte b : mask) {
            area += b;
        }
        assertEquals(10 * 10, area);
        assertEquals(1, mask[15 * 40 + 10]);
        assertEquals(1, mask[15 * 40 + 19]);
        assertEquals(0, mask[15 * 40 + 20]);
        assertTrue(mask[25 * 40 + 15] == 0);
    }
}
