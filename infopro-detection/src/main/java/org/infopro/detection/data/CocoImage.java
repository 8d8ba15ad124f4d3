package org.infopro.detection.data;

import java.util.List;

/**
 * One image of a COCO file with its objects.
 *
 * @param id the image's {@code id}
 * @param fileName {@code file_name}, relative to the image folder
 * @param height {@code height}
 * @param width {@code width}
 * @param objects its annotations, in file order
 */
public record CocoImage(
        long id, String fileName, int height, int width, List<CocoObject> objects) {}
