package org.infopro.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.infopro.core.nn.FeatureShape;

/**
 * Any DJL {@link RandomAccessDataset} of images as training data: each record's first data array is
 * one (C, H, W) float image, already normalised by the dataset's own transforms, and its first
 * label array the class index. Augmentation is the dataset's business (its pipeline runs on every
 * {@code get}), so both passes read the same records.
 */
public final class DjlData implements LabeledData {

    private final RandomAccessDataset dataset;
    private final int classes;
    private final Normalization normalization;
    private final FeatureShape shape;
    private final int size;

    private DjlData(RandomAccessDataset dataset, int classes, Normalization normalization) {
        this.dataset = dataset;
        this.classes = classes;
        this.normalization = normalization;
        try {
            dataset.prepare();
        } catch (IOException | ai.djl.translate.TranslateException e) {
            throw new UncheckedIOException(
                    new IOException("Could not prepare the dataset: " + e.getMessage(), e));
        }
        this.size = Math.toIntExact(dataset.size());
        if (size == 0) {
            throw new IllegalArgumentException("The DJL dataset is empty");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray first = record(manager, 0).getData().head();
            if (first.getShape().dimension() != 3) {
                throw new IllegalArgumentException(
                        "DJL dataset records must hold one (C, H, W) image, got shape "
                                + first.getShape());
            }
            this.shape = FeatureShape.of(first.getShape());
        }
        if (normalization.channels() != shape.channels()) {
            throw new IllegalArgumentException(
                    "The normalisation has "
                            + normalization.channels()
                            + " channels, the images "
                            + shape.channels());
        }
    }

    /**
     * @param dataset records of (C, H, W) float images and class indices
     * @param classes number of classes
     * @param normalization what the dataset's transforms applied, so that the reconstruction target
     *     can be restored to [0, 1] ({@code Normalization.uniform(c, 0, 1)} for none)
     */
    public static DjlData of(
            RandomAccessDataset dataset, int classes, Normalization normalization) {
        return new DjlData(dataset, classes, normalization);
    }

    @Override
    public int sampleCount() {
        return size;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public FeatureShape sampleShape() {
        return shape;
    }

    @Override
    public Normalization normalization() {
        return normalization;
    }

    @Override
    public TrainingBatch load(NDManager manager, int[] indices, Pass pass, long seed) {
        NDList images = new NDList(indices.length);
        long[] labels = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Record record = record(manager, indices[i]);
            NDArray image = record.getData().head();
            if (!FeatureShape.of(image.getShape()).equals(shape)) {
                throw new IllegalArgumentException(
                        "Record "
                                + indices[i]
                                + " of the DJL dataset has shape "
                                + image.getShape()
                                + ", the first had "
                                + shape);
            }
            images.add(image);
            labels[i] =
                    record.getLabels()
                            .head()
                            .toType(ai.djl.ndarray.types.DataType.INT64, false)
                            .getLong();
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(
                        "Record "
                                + indices[i]
                                + " of the DJL dataset has label "
                                + labels[i]
                                + ", outside 0.."
                                + (classes - 1));
            }
        }
        NDArray batch =
                ai.djl.ndarray.NDArrays.stack(images)
                        .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        return new TrainingBatch(batch, new NDList(manager.create(labels)), normalization);
    }

    private Record record(NDManager manager, long index) {
        try {
            return dataset.get(manager, index);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not read record " + index + " of the DJL dataset", e);
        }
    }
}
