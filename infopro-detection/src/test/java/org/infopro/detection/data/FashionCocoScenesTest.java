package org.infopro.detection.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.core.testing.SyntheticItems;
import org.infopro.detection.eval.Rle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionCocoScenesTest {

    @TempDir Path root;

    @Test
    void scenesAreWrittenAsCocoAndReadBack() throws IOException {
        new FashionCocoScenes(SyntheticItems.rectangles(), 96, 96).write(root, "val2017", 12, 3);
        CocoAnnotations coco =
                CocoAnnotations.read(root.resolve("annotations/instances_val2017.json"));
        assertEquals(12, coco.images().size());
        assertEquals(FashionCocoScenes.CATEGORIES, coco.categoryNames());
        int objects = 0;
        for (CocoImage image : coco.images()) {
            assertTrue(Files.isRegularFile(root.resolve("val2017").resolve(image.fileName())));
            assertTrue(image.objects().size() >= 1 && image.objects().size() <= 6);
            for (CocoObject object : image.objects()) {
                objects++;
                Rle mask = object.mask(96, 96);
                assertEquals(object.area(), mask.area(), 1e-9, "area is the polygons' area");
                double[] box = object.box();
                double[] maskBox = mask.toBox();
                // The polygons trace the visible pixels' outline: their mask lies in the box.
                assertTrue(maskBox[0] >= box[0] && maskBox[1] >= box[1]);
                assertTrue(maskBox[0] + maskBox[2] <= box[0] + box[2]);
                assertTrue(maskBox[1] + maskBox[3] <= box[1] + box[3]);
            }
        }
        assertTrue(objects >= 12);
    }

    @Test
    void sameSeedSameFiles() throws IOException {
        FashionCocoScenes scenes = new FashionCocoScenes(SyntheticItems.rectangles(), 64, 64);
        scenes.write(root.resolve("a"), "val2017", 3, 5);
        scenes.write(root.resolve("b"), "val2017", 3, 5);
        assertEquals(
                Files.readString(root.resolve("a/annotations/instances_val2017.json")),
                Files.readString(root.resolve("b/annotations/instances_val2017.json")));
    }
}
