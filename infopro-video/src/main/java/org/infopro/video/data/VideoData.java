package org.infopro.video.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.OpenCv;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.nn.FeatureShape;
import org.opencv.core.Mat;

/**
 * Labelled clips as batches of frames folded into the batch dimension: input (N·V·T, 3, S, S) with
 * the T frames of each of a clip's V views consecutive (V = 1 in training, the number of test clips
 * in evaluation), labels (N). A sample is one clip; the model's consensus averages its V·T rows.
 */
public final class VideoData implements LabeledData {

    private final List<VideoClip> clips;
    private final int classes;
    private final int segments;
    private final int testClips;
    private final VideoAugmentation augmentation;

    /**
     * @param clips the split's clips
     * @param classes number of classes
     * @param segments frames sampled per clip, T
     * @param testClips views per clip in evaluation, V
     * @param augmentation the clip transforms
     * @param limit use only the first clips (0 = all)
     */
    public VideoData(
            List<VideoClip> clips,
            int classes,
            int segments,
            int testClips,
            VideoAugmentation augmentation,
            int limit) {
        if (segments < 1 || testClips < 1) {
            throw new IllegalArgumentException(
                    "Need at least one segment and one test clip, got "
                            + segments
                            + " and "
                            + testClips);
        }
        this.clips = limit > 0 && limit < clips.size() ? clips.subList(0, limit) : clips;
        this.classes = classes;
        this.segments = segments;
        this.testClips = testClips;
        this.augmentation = augmentation;
    }

    @Override
    public int sampleCount() {
        return clips.size();
    }

    @Override
    public int classes() {
        return classes;
    }

    /** One frame's shape: the backbone sees frames. */
    @Override
    public FeatureShape sampleShape() {
        return new FeatureShape(3, augmentation.size(), augmentation.size());
    }

    @Override
    public Normalization normalization() {
        return Normalization.IMAGENET;
    }

    /** The clips. */
    public List<VideoClip> clips() {
        return clips;
    }

    @Override
    public TrainingBatch load(NDManager manager, int[] indices, Pass pass, long seed) {
        int views = pass == Pass.TRAINING ? 1 : testClips;
        int s = augmentation.size();
        int frameValues = 3 * s * s;
        float[] input = new float[indices.length * views * segments * frameValues];
        long[] labels = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            VideoClip clip = clips.get(indices[i]);
            labels[i] = clip.label();
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + indices[i]);
            for (int v = 0; v < views; v++) {
                Mat[] frames = view(clip, pass, v, views, random);
                for (int t = 0; t < segments; t++) {
                    normalise(frames[t], input, ((i * views + v) * segments + t) * frameValues);
                }
            }
        }
        return new TrainingBatch(
                manager.create(input, new Shape(indices.length * views * segments, 3, s, s)),
                new NDList(manager.create(labels, new Shape(indices.length))),
                Normalization.IMAGENET);
    }

    /** View v of a clip: its sampled frames, transformed for the pass. */
    private Mat[] view(VideoClip clip, Pass pass, int v, int views, SplittableRandom random) {
        int n = clip.frameCount();
        if (pass == Pass.TRAINING) {
            return augmentation.training(
                    read(clip, SegmentSampler.training(n, segments, random)), random);
        }
        return augmentation.testing(read(clip, SegmentSampler.testing(n, segments, v, views)));
    }

    /** The clip's frames at the given 1-based indices, as RGB images. */
    static Mat[] read(VideoClip clip, int[] indices) {
        try {
            if (clip.isVideoFile()) {
                return VideoFiles.readRgb(clip.source(), indices);
            }
            Mat[] frames = new Mat[indices.length];
            for (int t = 0; t < indices.length; t++) {
                frames[t] = OpenCv.readRgb(clip.frame(indices[t]));
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException("clip " + clip.id() + ": " + e.getMessage(), e);
        }
    }

    /** Writes an RGB frame, CHW and ImageNet-normalised, at {@code offset}; releases it. */
    private static void normalise(Mat frame, float[] input, int offset) {
        byte[] rgb = OpenCv.bytesOf(frame);
        float[] mean = Normalization.IMAGENET.mean();
        float[] std = Normalization.IMAGENET.std();
        int pixels = rgb.length / 3;
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < 3; c++) {
                input[offset + c * pixels + p] =
                        ((rgb[p * 3 + c] & 0xFF) / 255f - mean[c]) / std[c];
            }
        }
    }
}
