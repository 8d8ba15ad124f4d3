package org.infopro.video.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.infopro.core.testing.SyntheticItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.imgproc.Imgproc;
import org.opencv.imgproc.Moments;

/** The generated motion set: UCF101 layout, some AVI clips, and the motions themselves. */
class MotionClipsTest {

    @TempDir Path dir;

    @Test
    void writesAUcf101SetWithSomeVideoFiles() throws IOException {
        MotionClips.writeClassIndex(dir);
        new MotionClips(SyntheticItems.rectangles(), 32, 6).write(dir, true, 2, 1);
        List<VideoClip> clips =
                Ucf101.open(
                        dir.resolve("ucfTrainTestlist"), dir.resolve("frames"), "trainlist01.txt");
        assertEquals(2 * MotionClips.CLASSES.size(), clips.size());
        for (int i = 0; i < clips.size(); i++) {
            assertEquals(i % MotionClips.CLASSES.size(), clips.get(i).label());
            assertEquals(6, clips.get(i).frameCount());
        }
        long videos = clips.stream().filter(VideoClip::isVideoFile).count();
        assertEquals(2, videos, "every tenth clip is an MJPG AVI");
    }

    @Test
    void theItemMovesAsItsClassSays() {
        MotionClips generator = new MotionClips(SyntheticItems.rectangles(), 64, 8);
        Point[] left = track(generator, "MoveLeft");
        assertTrue(left[1].x < left[0].x - 20, "moves left: " + left[0] + " → " + left[1]);
        assertEquals(
                left[0].y,
                left[1].y,
                2.0,
                "no vertical motion (clipping at the border moves the centre a little)");
        Point[] down = track(generator, "MoveDown");
        assertTrue(down[1].y > down[0].y + 20, "moves down: " + down[0] + " → " + down[1]);
        Point[] still = track(generator, "Still");
        assertEquals(still[0].x, still[1].x, 0.01);
        MotionClips.Scene zoom = generator.draw(MotionClips.CLASSES.indexOf("ZoomIn"), seed());
        double first = Core.countNonZero(zoom.coverage(0, 64));
        double last = Core.countNonZero(zoom.coverage(1, 64));
        assertTrue(last > 3 * first, "grows: " + first + " → " + last);
    }

    @Test
    void rendersEveryFrameOfAClip() {
        Mat[] frames = new MotionClips(SyntheticItems.rectangles(), 32, 5).render(3, seed());
        assertEquals(5, frames.length);
        assertEquals(32, frames[4].cols());
        assertTrue(Core.norm(frames[0], frames[4]) > 0, "the item moved between frames");
    }

    private static SplittableRandom seed() {
        return new SplittableRandom(5);
    }

    /** Centre of the item's coverage at the clip's first and last frame. */
    private static Point[] track(MotionClips generator, String motion) {
        MotionClips.Scene scene = generator.draw(MotionClips.CLASSES.indexOf(motion), seed());
        Point[] centres = new Point[2];
        for (int i = 0; i < 2; i++) {
            Moments m = Imgproc.moments(scene.coverage(i, 64));
            centres[i] = new Point(m.m10 / m.m00, m.m01 / m.m00);
        }
        return centres;
    }
}
