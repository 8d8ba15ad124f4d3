package org.infopro.video.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.infopro.core.data.OpenCv;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** TSM's multi-scale crop, flip and test-time centre crop, drawn once per clip. */
class VideoAugmentationTest {

    @Test
    void thirteenFixedCropPositions() {
        List<int[]> offsets = VideoAugmentation.fixedOffsets(64, 80, 48, 48);
        assertEquals(13, offsets.size());
        assertEquals(16, offsets.get(3)[0]); // bottom-right: (64 − 48) rows down
        assertEquals(32, offsets.get(3)[1]); // (80 − 48) columns right
        assertEquals(8, offsets.get(4)[0]); // centre
    }

    @Test
    void trainingGivesEveryFrameTheSameCropAndFlip() {
        VideoAugmentation flipping = new VideoAugmentation(24, true);
        boolean sawFlip = false;
        boolean sawPlain = false;
        for (int seed = 0; seed < 20; seed++) {
            Mat[] out = flipping.training(halves(3), new SplittableRandom(seed));
            boolean flipped = leftIsBright(out[0]);
            for (Mat frame : out) {
                assertEquals(24, frame.rows());
                assertEquals(24, frame.cols());
                assertEquals(flipped, leftIsBright(frame), "one flip decision per clip");
            }
            sawFlip |= flipped;
            sawPlain |= !flipped;
        }
        assertTrue(sawFlip && sawPlain, "flips about half of the clips");
    }

    @Test
    void directionSensitiveDatasetsNeverFlip() {
        VideoAugmentation fixed = new VideoAugmentation(24, false);
        for (int seed = 0; seed < 20; seed++) {
            Mat[] out = fixed.training(halves(2), new SplittableRandom(seed));
            assertTrue(!leftIsBright(out[0]) && !leftIsBright(out[1]), "seed " + seed);
        }
    }

    @Test
    void testingResizesTheShorterSideThenCropsTheCentre() {
        Mat[] out = new VideoAugmentation(28, true).testing(halves(1));
        assertEquals(28, out[0].rows());
        assertEquals(28, out[0].cols());
    }

    /** 40×60 RGB frames, dark on the left half and bright on the right. */
    private static Mat[] halves(int count) {
        OpenCv.load();
        Mat[] frames = new Mat[count];
        for (int i = 0; i < count; i++) {
            frames[i] = new Mat(40, 60, CvType.CV_8UC3, Scalar.all(20));
            frames[i].colRange(30, 60).setTo(Scalar.all(230));
        }
        return frames;
    }

    private static boolean leftIsBright(Mat frame) {
        return frame.get(frame.rows() / 2, 1)[0] > frame.get(frame.rows() / 2, frame.cols() - 2)[0];
    }
}
