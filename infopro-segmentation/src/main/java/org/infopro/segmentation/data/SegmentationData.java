package org.infopro.segmentation.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.nn.FeatureShape;

/**
 * A segmentation split the trainer can batch: images normalised with the ImageNet statistics
 * (mmsegmentation's mean 123.675/116.28/103.53, std 58.395/57.12/57.375), labels (N, H, W) with 255
 * for ignored pixels. Training batches go through {@link SegmentationAugmentation} and are padded
 * to the crop (image 0, label 255); evaluation batches hold the images as stored, padded to the
 * largest of the batch (an evaluation batch of 1, mmsegmentation's, predicts each image unpadded).
 */
public final class SegmentationData implements LabeledData {

    /** mmsegmentation's normalisation (ImageNet statistics). */
    public static final Normalization IMAGENET = Normalization.IMAGENET;

    private final SegmentationSet set;
    private final FeatureShape shape;
    private final SegmentationAugmentation augmentation;
    private final int limit;

    /**
     * @param set the listed samples
     * @param shape the network input (3 × crop height × crop width)
     * @param augmentation the training pipeline
     * @param limit use only the first N samples (0 = all)
     */
    public SegmentationData(
            SegmentationSet set,
            FeatureShape shape,
            SegmentationAugmentation augmentation,
            int limit) {
        this.set = set;
        this.shape = shape;
        this.augmentation = augmentation;
        this.limit = limit <= 0 ? set.samples().size() : Math.min(limit, set.samples().size());
    }

    @Override
    public int sampleCount() {
        return limit;
    }

    @Override
    public int classes() {
        return set.classes();
    }

    @Override
    public FeatureShape sampleShape() {
        return shape;
    }

    @Override
    public Normalization normalization() {
        return IMAGENET;
    }

    @Override
    public TrainingBatch load(NDManager manager, int[] indices, Pass pass, long seed) {
        LabelMap[] maps = new LabelMap[indices.length];
        for (int i = 0; i < indices.length; i++) {
            maps[i] = read(indices[i]);
            if (pass == Pass.TRAINING) {
                maps[i] =
                        augmentation.apply(
                                maps[i], new SplittableRandom(seed * 1_000_003L + indices[i]));
            }
        }
        // Training batches have the crop's size; evaluation batches the largest image's.
        int h = pass == Pass.TRAINING ? shape.height() : 0;
        int w = pass == Pass.TRAINING ? shape.width() : 0;
        for (LabelMap map : maps) {
            h = Math.max(h, map.height());
            w = Math.max(w, map.width());
        }
        float[] images = new float[indices.length * 3 * h * w];
        long[] labels = new long[indices.length * h * w];
        java.util.Arrays.fill(labels, SegmentationSet.IGNORE);
        for (int i = 0; i < indices.length; i++) {
            copyPadded(maps[i], images, labels, i, h, w);
        }
        return new TrainingBatch(
                manager.create(images, new Shape(indices.length, 3, h, w)),
                new NDList(manager.create(labels, new Shape(indices.length, h, w))),
                IMAGENET);
    }

    private LabelMap read(int index) {
        try {
            return set.read(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Normalises into sample {@code i}; the area beyond the map keeps image 0 and label 255. */
    private static void copyPadded(
            LabelMap map, float[] images, long[] labels, int i, int h, int w) {
        float[] mean = IMAGENET.mean();
        float[] std = IMAGENET.std();
        for (int y = 0; y < Math.min(h, map.height()); y++) {
            for (int x = 0; x < Math.min(w, map.width()); x++) {
                int p = y * map.width() + x;
                for (int c = 0; c < 3; c++) {
                    float v = (map.rgb()[p * 3 + c] & 0xFF) / 255f;
                    images[((i * 3 + c) * h + y) * w + x] = (v - mean[c]) / std[c];
                }
                labels[(i * h + y) * w + x] = map.labels()[p];
            }
        }
    }
}
