package org.infopro.video.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * TSN's sparse sampling of T segments from a clip of n frames (1-based frame indices), as TSM's
 * data loader does it: in training one random frame per equal segment; in testing each segment's
 * centre.
 */
public final class SegmentSampler {

    private SegmentSampler() {}

    /**
     * Training: a random offset within each of T equal segments. Clips shorter than T frames (where
     * segments would be empty) draw T sorted frames at random, or repeat frame 1 when n ≤ T, as TSM
     * does.
     */
    public static int[] training(int frames, int segments, SplittableRandom random) {
        int[] indices = new int[segments];
        int duration = frames / segments;
        if (duration > 0) {
            for (int s = 0; s < segments; s++) {
                indices[s] = s * duration + random.nextInt(duration) + 1;
            }
        } else if (frames > segments) {
            for (int s = 0; s < segments; s++) {
                indices[s] = random.nextInt(frames) + 1;
            }
            Arrays.sort(indices);
        } else {
            Arrays.fill(indices, 1);
        }
        return indices;
    }

    /** Testing: the centre frame of each of T equal segments. */
    public static int[] testing(int frames, int segments) {
        return testing(frames, segments, 0, 1);
    }

    /**
     * Multi-clip testing: clip {@code clip} of {@code clips} takes, in each of T equal segments,
     * the frame at fraction (clip + ½) / clips of the segment; one clip gives the centres.
     */
    public static int[] testing(int frames, int segments, int clip, int clips) {
        int[] indices = new int[segments];
        if (frames > segments) {
            double tick = (double) frames / segments;
            double offset = tick * (clip + 0.5) / clips;
            for (int s = 0; s < segments; s++) {
                indices[s] = Math.min(frames, (int) (offset + tick * s) + 1);
            }
        } else {
            Arrays.fill(indices, 1);
        }
        return indices;
    }
}
