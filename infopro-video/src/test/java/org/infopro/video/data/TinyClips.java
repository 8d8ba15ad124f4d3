package org.infopro.video.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.infopro.core.data.ImageFiles;
import org.infopro.core.data.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** Tiny clips in the real formats: frame folders of JPEGs and MJPG AVI files. */
public final class TinyClips {

    private TinyClips() {}

    /** Frames of uniform grey 40·i (i = 1 … count), as the extraction tools name them. */
    public static void writeFrames(Path frames, String clip, int count) throws IOException {
        for (int i = 1; i <= count; i++) {
            byte[] rgb = new byte[4 * 4 * 3];
            Arrays.fill(rgb, (byte) (i * 40));
            ImageFiles.writeRgb(
                    frames.resolve(clip).resolve(String.format("img_%05d.jpg", i)),
                    rgb,
                    4,
                    4,
                    "jpg");
        }
    }

    /** An MJPG AVI of {@code count} uniform 16×16 frames of grey 20·i (i = 1 … count). */
    public static void writeVideo(Path file, int count) throws IOException {
        OpenCv.load();
        Mat[] frames = new Mat[count];
        for (int i = 1; i <= count; i++) {
            frames[i - 1] = new Mat(16, 16, CvType.CV_8UC3, Scalar.all(20 * i));
        }
        VideoFiles.writeMjpg(file, frames, 25);
    }
}
