package org.infopro.video.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * TSM's clip transforms, one draw per clip so that every frame gets the same crop and flip.
 *
 * <p>Training: multi-scale crop — a crop whose sides are each one of {1, .875, .75, .66} × the
 * shorter image side (the two scales at most one step apart, sizes within 3 pixels of the input
 * snapped to it), placed at one of 13 fixed positions (corners, centre, edge midpoints and quarter
 * points), resized to the input size — then a horizontal flip with probability ½ unless the
 * dataset's classes depend on direction. Testing: the shorter side resized to input × 256/224, then
 * a centre crop.
 */
public final class VideoAugmentation {

    private static final double[] SCALES = {1, .875, .75, .66};

    private final int size;
    private final boolean flip;

    /**
     * @param size input side in pixels (224 as published)
     * @param flip whether training may flip clips horizontally
     */
    public VideoAugmentation(int size, boolean flip) {
        this.size = size;
        this.flip = flip;
    }

    /** Input side in pixels. */
    public int size() {
        return size;
    }

    /** The training transform of one clip's frames (all of one size); releases the inputs. */
    public Mat[] training(Mat[] frames, SplittableRandom random) {
        int height = frames[0].rows();
        int width = frames[0].cols();
        int[] crop = cropSize(height, width, random);
        List<int[]> offsets = fixedOffsets(height, width, crop[0], crop[1]);
        int[] offset = offsets.get(random.nextInt(offsets.size()));
        boolean flipped = flip && random.nextBoolean();
        Rect region = new Rect(offset[1], offset[0], crop[1], crop[0]);
        Mat[] out = new Mat[frames.length];
        for (int t = 0; t < frames.length; t++) {
            out[t] = resize(frames[t].submat(region), size, size);
            if (flipped) {
                Core.flip(out[t], out[t], 1);
            }
            frames[t].release();
        }
        return out;
    }

    /** The test transform: shorter side to size × 256/224, centre crop; releases the inputs. */
    public Mat[] testing(Mat[] frames) {
        int scaled = (int) Math.round(size * 256.0 / 224);
        Mat[] out = new Mat[frames.length];
        for (int t = 0; t < frames.length; t++) {
            int height = frames[t].rows();
            int width = frames[t].cols();
            int h = height <= width ? scaled : (int) ((long) scaled * height / width);
            int w = height <= width ? (int) ((long) scaled * width / height) : scaled;
            Mat resized = resize(frames[t], h, w);
            frames[t].release();
            int top = Math.round((h - size) / 2f);
            int left = Math.round((w - size) / 2f);
            out[t] = resized.submat(new Rect(left, top, size, size)).clone();
            resized.release();
        }
        return out;
    }

    /** {height, width} of a multi-scale crop. */
    private int[] cropSize(int height, int width, SplittableRandom random) {
        int base = Math.min(height, width);
        int[] sides = new int[SCALES.length];
        for (int i = 0; i < SCALES.length; i++) {
            int side = (int) (base * SCALES[i]);
            sides[i] = Math.abs(side - size) < 3 ? size : side;
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < sides.length; i++) {
            for (int j = 0; j < sides.length; j++) {
                if (Math.abs(i - j) <= 1) {
                    pairs.add(new int[] {Math.min(sides[i], height), Math.min(sides[j], width)});
                }
            }
        }
        return pairs.get(random.nextInt(pairs.size()));
    }

    /** The 13 {top, left} crop positions on a grid of quarter steps. */
    static List<int[]> fixedOffsets(int height, int width, int cropH, int cropW) {
        int h = (height - cropH) / 4;
        int w = (width - cropW) / 4;
        int[][] quarters = {
            {0, 0},
            {0, 4},
            {4, 0},
            {4, 4},
            {2, 2}, // corners and centre
            {2, 0},
            {2, 4},
            {4, 2},
            {0, 2}, // edge midpoints
            {1, 1},
            {1, 3},
            {3, 1},
            {3, 3} // quarter points
        };
        List<int[]> offsets = new ArrayList<>();
        for (int[] q : quarters) {
            offsets.add(new int[] {q[0] * h, q[1] * w});
        }
        return offsets;
    }

    private static Mat resize(Mat image, int height, int width) {
        Mat out = new Mat();
        if (image.rows() == height && image.cols() == width) {
            image.copyTo(out);
        } else {
            Imgproc.resize(image, out, new Size(width, height), 0, 0, Imgproc.INTER_LINEAR);
        }
        return out;
    }
}
