package org.infopro.detection.data;

import java.util.List;
import org.infopro.detection.eval.Rle;

/**
 * One annotated object of a COCO file.
 *
 * @param annotationId the annotation's {@code id}
 * @param imageId the image's {@code id}
 * @param categoryId the category as the file numbers it
 * @param label the category's contiguous index, 0..classes-1
 * @param box {x, y, w, h} in image pixels
 * @param area the annotation's {@code area} (of the mask), used for COCO's size ranges
 * @param crowd {@code iscrowd}: a region of many objects, ignored in training and evaluation
 * @param polygons the mask as polygons {x0, y0, …}, or empty when given as RLE
 * @param rle the mask as RLE, or null when given as polygons (or absent)
 */
public record CocoObject(
        long annotationId,
        long imageId,
        int categoryId,
        int label,
        double[] box,
        double area,
        boolean crowd,
        List<double[]> polygons,
        Rle rle) {

    /** True when the object has a mask. */
    public boolean hasMask() {
        return rle != null || !polygons.isEmpty();
    }

    /** The object's mask at the image's size (empty when it has none). */
    public Rle mask(int height, int width) {
        if (rle != null) {
            return rle;
        }
        if (polygons.isEmpty()) {
            return new Rle(height, width, new int[] {height * width});
        }
        return Rle.union(polygons.stream().map(p -> Rle.fromPolygon(p, height, width)).toList());
    }
}
