package org.infopro.detection.data;

/**
 * One image after the detection pipeline, on the JVM.
 *
 * @param imageId the COCO image id
 * @param pixels normalised (3, height, width) floats
 * @param height resized height
 * @param width resized width
 * @param originalHeight the file's height
 * @param originalWidth the file's width
 * @param boxes G × {x1, y1, x2, y2} in resized pixels
 * @param classes G labels
 * @param crowd G crowd flags
 * @param areas G annotation areas
 * @param masks G row-major masks of {@code maskHeight × maskWidth}
 * @param maskHeight height of the masks (resized for training, original for evaluation)
 * @param maskWidth width of the masks
 */
record DetectionSample(
        long imageId,
        float[] pixels,
        int height,
        int width,
        int originalHeight,
        int originalWidth,
        float[][] boxes,
        int[] classes,
        boolean[] crowd,
        float[] areas,
        byte[][] masks,
        int maskHeight,
        int maskWidth) {

    int objects() {
        return classes.length;
    }
}
