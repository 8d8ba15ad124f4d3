package org.infopro.classification.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.util.SplittableRandom;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.RawImages;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.nn.FeatureShape;

/**
 * In-memory image classification data as a DJL {@link RandomAccessDataset}, with the preprocessing
 * of the paper's CIFAR pipeline: zero-pad (centred) to the network's input size, replicate grey to
 * the network's channels, optional augmentation (reflect-pad 4, or zero-pad 4 on request, random
 * crop, horizontal flip), then per-channel normalisation.
 */
public final class ImageClassificationDataset extends RandomAccessDataset implements LabeledData {

    private final RawImages images;
    private final FeatureShape shape;
    private final boolean zeroPad;
    private final int cropPadding;
    private final Normalization normalization;
    private final boolean flip;

    private ImageClassificationDataset(Builder builder) {
        super(builder);
        this.images = builder.images;
        this.shape = builder.shape;
        this.zeroPad = builder.zeroPad;
        this.cropPadding = builder.cropPadding;
        this.normalization = builder.normalization;
        this.flip = builder.flip;
        if (normalization.channels() != shape.channels()) {
            throw new IllegalArgumentException(
                    "Normalisation has "
                            + normalization.channels()
                            + " channels, the input has "
                            + shape.channels());
        }
        if (images.height() > shape.height() || images.width() > shape.width()) {
            throw new IllegalArgumentException(
                    "Images of "
                            + images.height()
                            + "x"
                            + images.width()
                            + " do not fit the "
                            + shape
                            + " input");
        }
    }

    /** A builder; batch size and sampling only matter for DJL's own iteration. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int sampleCount() {
        return images.size();
    }

    @Override
    public int classes() {
        return images.classes();
    }

    @Override
    public FeatureShape sampleShape() {
        return shape;
    }

    @Override
    public Normalization normalization() {
        return normalization;
    }

    /** The class index of sample {@code index}. */
    public int label(int index) {
        return images.labels()[index];
    }

    @Override
    public TrainingBatch load(NDManager manager, int[] indices, Pass pass, long seed) {
        int perSample = (int) shape.elements();
        float[] data = new float[indices.length * perSample];
        long[] labels = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            SplittableRandom random =
                    pass == Pass.TRAINING
                            ? new SplittableRandom(seed * 1_000_003L + indices[i])
                            : null;
            fill(indices[i], data, i * perSample, random);
            labels[i] = images.labels()[indices[i]];
        }
        return new TrainingBatch(
                manager.create(data, shape.batched(indices.length)),
                new NDList(manager.create(labels)),
                normalization);
    }

    @Override
    public Record get(NDManager manager, long index) {
        float[] data = new float[(int) shape.elements()];
        fill((int) index, data, 0, null);
        return new Record(
                new NDList(
                        manager.create(
                                data, new Shape(shape.channels(), shape.height(), shape.width()))),
                new NDList(manager.create((long) images.labels()[(int) index])));
    }

    @Override
    protected long availableSize() {
        return images.size();
    }

    @Override
    public void prepare(Progress progress) {
        // Already in memory.
    }

    /** Writes one preprocessed sample; {@code random} non-null means augment. */
    private void fill(int index, float[] out, int offset, SplittableRandom random) {
        int dy = 0;
        int dx = 0;
        boolean mirror = false;
        if (random != null) {
            dy = random.nextInt(2 * cropPadding + 1) - cropPadding;
            dx = random.nextInt(2 * cropPadding + 1) - cropPadding;
            mirror = flip && random.nextBoolean();
        }
        int h = shape.height();
        int w = shape.width();
        int o = offset;
        for (int c = 0; c < shape.channels(); c++) {
            for (int y = 0; y < h; y++) {
                int sy = zeroPad ? y + dy : reflect(y + dy, h);
                for (int x = 0; x < w; x++) {
                    int sx = (mirror ? w - 1 - x : x) + dx;
                    sx = zeroPad ? sx : reflect(sx, w);
                    out[o++] = normalization.apply(padded(index, c, sy, sx), c);
                }
            }
        }
    }

    /**
     * The un-augmented pixel in [0,1] after centred zero-padding and channel replication; 0 outside
     * the image (zero padding).
     */
    private float padded(int index, int channel, int y, int x) {
        int top = (shape.height() - images.height()) / 2;
        int left = (shape.width() - images.width()) / 2;
        int iy = y - top;
        int ix = x - left;
        if (iy < 0 || ix < 0 || iy >= images.height() || ix >= images.width()) {
            return 0f;
        }
        int c = channel % images.channels();
        int perImage = images.channels() * images.height() * images.width();
        int at = index * perImage + (c * images.height() + iy) * images.width() + ix;
        return (images.pixels()[at] & 0xFF) / 255f;
    }

    /** Reflect padding ({@code F.pad(mode='reflect')}) of coordinate v into [0, n). */
    static int reflect(int v, int n) {
        if (v < 0) {
            return -v;
        }
        return v >= n ? 2 * (n - 1) - v : v;
    }

    /** Builder in DJL's style: {@code set*} required, {@code opt*} optional. */
    public static final class Builder extends BaseBuilder<Builder> {
        private RawImages images;
        private FeatureShape shape;
        private boolean zeroPad;
        private int cropPadding = 4;
        private Normalization normalization;
        private boolean flip = true;

        Builder() {
            setSampling(128, true);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The decoded images. */
        public Builder setImages(RawImages images) {
            this.images = images;
            return this;
        }

        /**
         * Pads with zeros for the random crop ({@code RandomCrop(padding=4)}, STL-10's pipeline)
         * instead of reflecting (the CIFAR pipeline).
         */
        public Builder optZeroPadding(boolean zeroPad) {
            this.zeroPad = zeroPad;
            return this;
        }

        /** Padding of the random crop on each side (4 by default; SVHN's pipeline uses 2). */
        public Builder optCropPadding(int pixels) {
            this.cropPadding = pixels;
            return this;
        }

        /** The network's input shape (images are padded and channel-replicated to it). */
        public Builder setShape(FeatureShape shape) {
            this.shape = shape;
            return this;
        }

        /** The per-channel normalisation. */
        public Builder setNormalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /** Whether augmentation flips horizontally (off for digits such as SVHN). */
        public Builder optFlip(boolean flip) {
            this.flip = flip;
            return this;
        }

        /** Validates and builds. */
        public ImageClassificationDataset build() {
            if (images == null || shape == null || normalization == null) {
                throw new IllegalArgumentException(
                        "images, shape and normalization are required"
                                + (images == null ? " (missing images)" : "")
                                + (shape == null ? " (missing shape)" : "")
                                + (normalization == null ? " (missing normalization)" : ""));
            }
            return new ImageClassificationDataset(this);
        }
    }
}
