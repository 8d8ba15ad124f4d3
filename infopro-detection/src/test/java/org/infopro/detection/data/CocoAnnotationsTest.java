package org.infopro.detection.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infopro.core.data.ImageFiles;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.TrainingBatch;
import org.infopro.detection.eval.Rle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoAnnotationsTest {

    @TempDir Path dir;

    /**
     * Two 40×60 images; categories with ids 3, 7 and 90; a polygon object, a compressed-RLE crowd
     * region and a plain-RLE object on image 1; image 2 has no objects.
     */
    private String file(String annotations) {
        return """
                {"images": [
                  {"id": 11, "file_name": "a.jpg", "height": 40, "width": 60},
                  {"id": 12, "file_name": "b.jpg", "height": 40, "width": 60}],
                 "categories": [
                  {"id": 90, "name": "toaster"}, {"id": 3, "name": "car"},
                  {"id": 7, "name": "train"}],
                 "annotations": [%s]}
                """
                .formatted(annotations);
    }

    private static final String POLYGON =
            """
            {"id": 101, "image_id": 11, "category_id": 7, "bbox": [10, 5, 20, 10],
             "area": 200, "iscrowd": 0, "segmentation": [[10, 5, 30, 5, 30, 15, 10, 15]]}""";

    private static final String CROWD =
            """
            {"id": 102, "image_id": 11, "category_id": 90, "bbox": [0, 0, 2, 3],
             "area": 6, "iscrowd": 1,
             "segmentation": {"size": [40, 60], "counts": "03U10`X2"}}""";

    private static final String PLAIN_RLE =
            """
            {"id": 103, "image_id": 11, "category_id": 3, "bbox": [1, 0, 1, 2],
             "area": 2, "iscrowd": 0,
             "segmentation": {"size": [40, 60], "counts": [40, 2, 2358]}}""";

    private Path write(String annotations) throws IOException {
        Path json = dir.resolve("annotations/instances_val2017.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, file(annotations));
        for (String name : List.of("a.jpg", "b.jpg")) {
            byte[] rgb = new byte[40 * 60 * 3];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) (i % 251);
            }
            ImageFiles.writeRgb(dir.resolve("val2017/" + name), rgb, 40, 60, "jpg");
        }
        return json;
    }

    @Test
    void readsImagesCategoriesBoxesAndMasks() throws IOException {
        CocoAnnotations coco =
                CocoAnnotations.read(write(String.join(",", POLYGON, CROWD, PLAIN_RLE)));
        assertEquals(List.of("car", "train", "toaster"), coco.categoryNames());
        assertEquals(List.of(3, 7, 90), coco.categoryIds());
        CocoImage first = coco.images().get(0);
        assertEquals(11, first.id());
        assertEquals(3, first.objects().size());
        assertTrue(coco.images().get(1).objects().isEmpty());

        CocoObject polygon = first.objects().get(0);
        assertEquals(1, polygon.label()); // category 7 is the second id in ascending order
        assertArrayEquals(new double[] {10, 5, 20, 10}, polygon.box());
        assertEquals(200, polygon.mask(40, 60).area());

        CocoObject crowd = first.objects().get(1);
        assertTrue(crowd.crowd());
        assertEquals(2, crowd.label());
        assertEquals(new Rle(40, 60, new int[] {0, 3, 37, 3, 2357}), crowd.mask(40, 60));

        CocoObject plain = first.objects().get(2);
        assertEquals(0, plain.label());
        assertArrayEquals(new double[] {1, 0, 1, 2}, plain.mask(40, 60).toBox());
    }

    @Test
    void badAnnotationsNameTheirId() throws IOException {
        assertError(
                POLYGON.replace("\"category_id\": 7", "\"category_id\": 8"),
                "annotation 101: unknown category_id 8");
        assertError(
                POLYGON.replace("[10, 5, 20, 10]", "[50, 5, 20, 10]"),
                "annotation 101: bbox [50.0, 5.0, 20.0, 10.0] (x, y, w, h) lies outside");
        assertError(CROWD.replace("03U10`X2", "03U10`X"), "annotation 102: malformed RLE");
        assertError(PLAIN_RLE.replace("2358", "2000"), "annotation 103: malformed RLE");
        assertError(
                PLAIN_RLE.replace("\"image_id\": 11", "\"image_id\": 13"),
                "annotation 103: unknown image_id 13");
    }

    @Test
    void entriesMissingRequiredFieldsOrWithNaNBoxesAreNamed() throws IOException {
        assertError(POLYGON.replace("\"id\": 101, ", ""), "annotations[0]: missing \"id\"");
        assertError(
                POLYGON.replace("[10, 5, 20, 10]", "[10, NaN, 20, 10]"),
                "annotation 101: bbox [10,\"NaN\",20,10] holds a value that is not a finite number");
        assertError(
                POLYGON.replace("\"category_id\": 7", "\"category_id\": \"seven\""),
                "annotation 101: \"category_id\" must be a whole number");
        String entry = "{\"id\": 12, \"file_name\": \"b.jpg\", \"height\": 40, \"width\": 60}";
        java.util.Map<String, String> without =
                java.util.Map.of(
                        "id", "{\"file_name\": \"b.jpg\", \"height\": 40, \"width\": 60}",
                        "height", "{\"id\": 12, \"file_name\": \"b.jpg\", \"width\": 60}",
                        "width", "{\"id\": 12, \"file_name\": \"b.jpg\", \"height\": 40}");
        for (var missing : without.entrySet()) {
            Path json = write(POLYGON);
            Files.writeString(json, Files.readString(json).replace(entry, missing.getValue()));
            IOException error = assertThrows(IOException.class, () -> CocoAnnotations.read(json));
            assertTrue(error.getMessage().startsWith(json.toString()), error.getMessage());
            assertTrue(
                    error.getMessage().contains("missing \"" + missing.getKey() + "\""),
                    error.getMessage());
        }
    }

    @Test
    void degenerateBoxesAreSkippedAndCounted() throws IOException {
        String thin = POLYGON.replace("[10, 5, 20, 10]", "[10, 5, 0.5, 10]").replace("101", "104");
        CocoAnnotations coco = CocoAnnotations.read(write(String.join(",", POLYGON, thin)));
        assertEquals(1, coco.images().get(0).objects().size());
        assertEquals(101, coco.images().get(0).objects().get(0).annotationId());
    }

    @Test
    void fileNamesThatLeaveTheImageFolderAreRefused() throws IOException {
        Path json = write(POLYGON);
        Files.writeString(
                json, Files.readString(json).replace("\"a.jpg\"", "\"../../secret.jpg\""));
        CocoAnnotations coco = CocoAnnotations.read(json);
        IOException error = assertThrows(IOException.class, () -> evaluationSet(coco));
        assertTrue(
                error.getMessage().contains("image 11: path '../../secret.jpg' leaves"),
                error.getMessage());
    }

    @Test
    void trainAndValWithDifferentCategoriesAreRefusedBeforeTraining() throws IOException {
        Path val = write(POLYGON);
        Path train = val.resolveSibling("instances_train2017.json");
        Files.writeString(train, Files.readString(val).replace("\"toaster\"", "\"oven\""));
        for (String name : List.of("a.jpg", "b.jpg")) {
            Files.createDirectories(dir.resolve("train2017"));
            Files.copy(dir.resolve("val2017/" + name), dir.resolve("train2017/" + name));
        }
        org.infopro.core.config.RunConfig config =
                org.infopro.core.config.RunConfig.builder()
                        .optTask("detection")
                        .optBackbone("faster_rcnn_r18n_fpn")
                        .optDataset("coco")
                        .optDataRoot(dir.toString())
                        .optMethod("infopro-softmax")
                        .build();
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                org.infopro.core.train.Experiment.create(
                                        config,
                                        org.infopro.core.spi.Registry.discover(),
                                        org.infopro.core.train.Experiment.Data.TRAIN_AND_TEST));
        assertTrue(error.getMessage().contains("different classes"), error.getMessage());
        assertTrue(error.getMessage().contains("oven"), error.getMessage());
    }

    private void assertError(String annotation, String message) throws IOException {
        Path json = write(annotation);
        IOException error = assertThrows(IOException.class, () -> CocoAnnotations.read(json));
        assertTrue(error.getMessage().startsWith(json.toString()), error.getMessage());
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }

    @Test
    void missingImageNamesItsFileAndAnnotations() throws IOException {
        CocoAnnotations coco = CocoAnnotations.read(write(POLYGON));
        Files.delete(dir.resolve("val2017/a.jpg"));
        IOException error = assertThrows(IOException.class, () -> evaluationSet(coco));
        assertTrue(error.getMessage().contains("image 11"), error.getMessage());
        assertTrue(error.getMessage().contains("a.jpg"), error.getMessage());
        assertTrue(error.getMessage().contains("[101]"), error.getMessage());
    }

    @Test
    void batchesArePaddedToStride32AndFlippedWithTheirBoxes() throws IOException {
        CocoAnnotations coco = CocoAnnotations.read(write(String.join(",", POLYGON, PLAIN_RLE)));
        // Scale (120, 80): 40×60 images are doubled to 80×120, padded to 96×128.
        LabeledData train =
                new CocoDetectionSet(
                        coco, dir.resolve("val2017"), new DetectionPipeline(120, 80), true, 0);
        assertEquals(1, train.sampleCount()); // the image without objects is not trained on
        try (NDManager manager = NDManager.newBaseManager()) {
            boolean sawFlip = false;
            boolean sawPlain = false;
            for (long seed = 0; seed < 8; seed++) {
                TrainingBatch batch =
                        train.load(manager, new int[] {0}, LabeledData.Pass.TRAINING, seed);
                assertEquals(new Shape(1, 3, 96, 128), batch.input().getShape());
                DetectionTargets t = DetectionTargets.of(batch.labels());
                assertEquals(new Shape(1, 2, 96, 128), t.masks().getShape());
                float[] box = t.boxes().get("0, 0").toFloatArray();
                if (box[0] == 20f) {
                    sawPlain = true;
                    assertArrayEquals(new float[] {20, 10, 60, 30}, box);
                } else {
                    sawFlip = true;
                    assertArrayEquals(new float[] {60, 10, 100, 30}, box); // 120 - 60, 120 - 20
                }
                // The mask moves with the box: its pixels lie inside it.
                float inside =
                        t.masks()
                                .get("0, 0, 10:30")
                                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                                .sum()
                                .getFloat();
                assertEquals(
                        t.masks()
                                .get("0, 0")
                                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                                .sum()
                                .getFloat(),
                        inside);
            }
            assertTrue(sawFlip && sawPlain, "both flipped and plain samples in 8 seeds");

            LabeledData test =
                    new CocoDetectionSet(
                            coco, dir.resolve("val2017"), new DetectionPipeline(120, 80), false, 0);
            TrainingBatch batch =
                    test.load(manager, new int[] {0, 1}, LabeledData.Pass.EVALUATION, 0);
            DetectionTargets t = DetectionTargets.of(batch.labels());
            // Evaluation masks stay at the original 40×60; the empty image's slots are padding.
            assertEquals(new Shape(2, 2, 40, 60), t.masks().getShape());
            assertArrayEquals(new long[] {1, 0, -1, -1}, t.classes().toLongArray());
            assertArrayEquals(
                    new double[] {11, 80, 120, 40, 60}, t.images().get(0).toDoubleArray(), 0);
        }
    }

    private CocoDetectionSet evaluationSet(CocoAnnotations coco) throws IOException {
        return new CocoDetectionSet(
                coco, dir.resolve("val2017"), new DetectionPipeline(60, 40), false, 0);
    }
}
