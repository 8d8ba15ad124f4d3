package org.infopro.detection.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.nn.FeatureShape;

/**
 * One split of a COCO-format dataset ({@code instances_*.json} + an image folder), batched through
 * the {@link DetectionPipeline}: images padded with zeros to the batch's largest size rounded up to
 * a multiple of 32, labels as {@link DetectionTargets}.
 *
 * <p>Training skips images without any non-crowd object, as mmdetection's {@code filter_empty_gt};
 * evaluation keeps every image.
 */
public final class CocoDetectionSet implements LabeledData {

    /** Padded sizes are multiples of this (the coarsest FPN stride). */
    public static final int SIZE_DIVISOR = 32;

    private final CocoAnnotations annotations;
    private final Path imageFolder;
    private final DetectionPipeline pipeline;
    private final List<CocoImage> images;
    private final DetectionPipeline.Mode mode;

    /**
     * @param annotations the split's annotation file, read
     * @param imageFolder the folder its {@code file_name}s are relative to
     * @param pipeline resizing
     * @param training whether this is a training split (drops images without objects)
     * @param limit at most this many images (0 = all)
     * @throws IOException when an image file is missing (naming it and its annotations)
     */
    public CocoDetectionSet(
            CocoAnnotations annotations,
            Path imageFolder,
            DetectionPipeline pipeline,
            boolean training,
            int limit)
            throws IOException {
        annotations.checkImagesExist(imageFolder);
        this.annotations = annotations;
        this.imageFolder = imageFolder;
        this.pipeline = pipeline;
        this.mode = training ? DetectionPipeline.Mode.TRAINING : DetectionPipeline.Mode.EVALUATION;
        List<CocoImage> kept = new ArrayList<>();
        for (CocoImage image : annotations.images()) {
            if (!training || image.objects().stream().anyMatch(o -> !o.crowd())) {
                kept.add(image);
            }
        }
        this.images = limit > 0 && limit < kept.size() ? kept.subList(0, limit) : kept;
    }

    /** The annotation file. */
    public CocoAnnotations annotations() {
        return annotations;
    }

    /** The images of this split, in sample order. */
    public List<CocoImage> images() {
        return images;
    }

    @Override
    public int sampleCount() {
        return images.size();
    }

    @Override
    public List<String> classNames() {
        return annotations.categoryNames();
    }

    @Override
    public int classes() {
        return annotations.classes();
    }

    /**
     * The padded input shape of the first image, for initialising the network; other images may
     * differ.
     */
    @Override
    public FeatureShape sampleShape() {
        CocoImage first = images.get(0);
        double factor = pipeline.scaleFactor(first.height(), first.width());
        return new FeatureShape(
                3,
                padded((int) Math.round(first.height() * factor)),
                padded((int) Math.round(first.width() * factor)));
    }

    @Override
    public Normalization normalization() {
        return Normalization.IMAGENET;
    }

    @Override
    public TrainingBatch load(NDManager manager, int[] indices, Pass pass, long seed) {
        DetectionPipeline.Mode sampleMode =
                pass == Pass.TRAINING ? mode : DetectionPipeline.Mode.EVALUATION;
        List<DetectionSample> samples = new ArrayList<>();
        for (int index : indices) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
            try {
                samples.add(pipeline.prepare(imageFolder, images.get(index), sampleMode, random));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        NDArray input = stackImages(manager, samples);
        DetectionTargets targets = targets(manager, samples, sampleMode);
        return new TrainingBatch(input, targets.toList(), normalization());
    }

    private static int padded(int size) {
        return (size + SIZE_DIVISOR - 1) / SIZE_DIVISOR * SIZE_DIVISOR;
    }

    private static NDArray stackImages(NDManager manager, List<DetectionSample> samples) {
        int height = padded(samples.stream().mapToInt(DetectionSample::height).max().orElse(0));
        int width = padded(samples.stream().mapToInt(DetectionSample::width).max().orElse(0));
        int n = samples.size();
        float[] batch = new float[n * 3 * height * width];
        for (int i = 0; i < n; i++) {
            DetectionSample s = samples.get(i);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < s.height(); y++) {
                    System.arraycopy(
                            s.pixels(),
                            (c * s.height() + y) * s.width(),
                            batch,
                            ((i * 3 + c) * height + y) * width,
                            s.width());
                }
            }
        }
        return manager.create(batch, new Shape(n, 3, height, width));
    }

    private DetectionTargets targets(
            NDManager manager, List<DetectionSample> samples, DetectionPipeline.Mode sampleMode) {
        int n = samples.size();
        int g = Math.max(1, samples.stream().mapToInt(DetectionSample::objects).max().orElse(0));
        int mh = samples.stream().mapToInt(DetectionSample::maskHeight).max().orElse(0);
        int mw = samples.stream().mapToInt(DetectionSample::maskWidth).max().orElse(0);
        if (sampleMode == DetectionPipeline.Mode.TRAINING) {
            mh = padded(mh); // training masks share the padded input's size
            mw = padded(mw);
        }
        float[] boxes = new float[n * g * 4];
        long[] classes = new long[n * g];
        float[] crowd = new float[n * g];
        float[] areas = new float[n * g];
        byte[] masks = new byte[n * g * mh * mw];
        double[] meta = new double[n * 5];
        java.util.Arrays.fill(classes, -1);
        for (int i = 0; i < n; i++) {
            DetectionSample s = samples.get(i);
            for (int o = 0; o < s.objects(); o++) {
                int slot = i * g + o;
                System.arraycopy(s.boxes()[o], 0, boxes, slot * 4, 4);
                classes[slot] = s.classes()[o];
                crowd[slot] = s.crowd()[o] ? 1 : 0;
                areas[slot] = s.areas()[o];
                for (int y = 0; y < s.maskHeight(); y++) {
                    System.arraycopy(
                            s.masks()[o],
                            y * s.maskWidth(),
                            masks,
                            (slot * mh + y) * mw,
                            s.maskWidth());
                }
            }
            meta[i * 5] = s.imageId();
            meta[i * 5 + 1] = s.height();
            meta[i * 5 + 2] = s.width();
            meta[i * 5 + 3] = s.originalHeight();
            meta[i * 5 + 4] = s.originalWidth();
        }
        long[] categories =
                annotations.categoryIds().stream().mapToLong(Integer::longValue).toArray();
        return new DetectionTargets(
                manager.create(boxes, new Shape(n, g, 4)),
                manager.create(classes, new Shape(n, g)),
                manager.create(crowd, new Shape(n, g)),
                manager.create(areas, new Shape(n, g)),
                manager.create(ByteBuffer.wrap(masks), new Shape(n, g, mh, mw), DataType.UINT8),
                manager.create(meta, new Shape(n, 5)),
                manager.create(categories));
    }
}
