package org.infopro.detection.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The labels of a detection batch, as the {@code NDList} a {@link
 * org.infopro.core.data.TrainingBatch} carries. Objects are padded to the batch's largest count G;
 * padding has class -1.
 *
 * <ol>
 *   <li>{@code boxes} (N, G, 4) corners in input pixels (after resizing and flipping)
 *   <li>{@code classes} (N, G) int64 contiguous labels, -1 for padding
 *   <li>{@code crowd} (N, G) 1 for crowd regions (not learned from; ignored by the evaluation)
 *   <li>{@code areas} (N, G) the annotations' areas in original pixels (COCO's size ranges)
 *   <li>{@code masks} (N, G, H, W) uint8: at the input's size for training, at the original image's
 *       size (padded to the batch's largest) for evaluation, where COCO compares masks
 *   <li>{@code images} (N, 5) float64: image id, resized height and width, original height and
 *       width
 *   <li>{@code categories} (classes) int64: the file's category id of each label
 * </ol>
 */
public record DetectionTargets(
        NDArray boxes,
        NDArray classes,
        NDArray crowd,
        NDArray areas,
        NDArray masks,
        NDArray images,
        NDArray categories) {

    /** The batch's label list, in the order above. */
    public NDList toList() {
        return new NDList(boxes, classes, crowd, areas, masks, images, categories);
    }

    /** Reads the label list of a detection batch. */
    public static DetectionTargets of(NDList labels) {
        if (labels.size() != 7) {
            throw new IllegalArgumentException(
                    "a detection batch carries 7 label arrays, got " + labels.size());
        }
        return new DetectionTargets(
                labels.get(0),
                labels.get(1),
                labels.get(2),
                labels.get(3),
                labels.get(4),
                labels.get(5),
                labels.get(6));
    }
}
