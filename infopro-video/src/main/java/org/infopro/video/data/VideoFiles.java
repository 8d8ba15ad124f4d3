package org.infopro.video.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.infopro.core.data.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.VideoWriter;

/**
 * Video files decoded with OpenCV's {@link VideoCapture}. The bundled OpenCV build decodes MJPG AVI
 * without further libraries; a file it cannot open gets an error saying so.
 */
public final class VideoFiles {

    /** JPEG quality of extracted frames (TSM's tools use ffmpeg's default, about this). */
    private static final int JPEG_QUALITY = 95;

    private VideoFiles() {}

    /** The number of frames of {@code video}, counted by grabbing each. */
    public static int frameCount(Path video) throws IOException {
        VideoCapture capture = open(video);
        try {
            int count = 0;
            while (capture.grab()) {
                count++;
            }
            if (count == 0) {
                throw new IOException(video + ": the video holds no frames");
            }
            return count;
        } finally {
            capture.release();
        }
    }

    /**
     * Decodes the given 1-based frames as RGB images, in the order asked (indices may repeat).
     *
     * @throws IOException naming the file when it cannot be decoded or is shorter than asked
     */
    public static Mat[] readRgb(Path video, int[] indices) throws IOException {
        int last = Arrays.stream(indices).max().orElse(0);
        Mat[] decoded = new Mat[last + 1];
        boolean[] wanted = new boolean[last + 1];
        for (int index : indices) {
            wanted[index] = true;
        }
        VideoCapture capture = open(video);
        try {
            Mat bgr = new Mat();
            for (int index = 1; index <= last; index++) {
                if (!capture.read(bgr)) {
                    throw new IOException(
                            video
                                    + ": frame "
                                    + index
                                    + " asked, the video ends at "
                                    + (index - 1));
                }
                if (wanted[index]) {
                    decoded[index] = new Mat();
                    Imgproc.cvtColor(bgr, decoded[index], Imgproc.COLOR_BGR2RGB);
                }
            }
            bgr.release();
        } finally {
            capture.release();
        }
        Mat[] frames = new Mat[indices.length];
        for (int i = 0; i < indices.length; i++) {
            frames[i] = decoded[indices[i]].clone();
        }
        Arrays.stream(decoded).filter(m -> m != null).forEach(Mat::release);
        return frames;
    }

    /**
     * Writes every frame of {@code video} to {@code folder} as {@code img_00001.jpg} … (the layout
     * TSM's tools produce).
     *
     * @return the number of frames written
     */
    public static int extractFrames(Path video, Path folder) throws IOException {
        Files.createDirectories(folder);
        VideoCapture capture = open(video);
        int count = 0;
        try {
            Mat frame = new Mat();
            MatOfInt quality = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY);
            while (capture.read(frame)) {
                count++;
                Path file = FrameFolders.frame(folder, count);
                if (!Imgcodecs.imwrite(file.toString(), frame, quality)) {
                    throw new IOException(file + ": could not be written");
                }
            }
            frame.release();
        } finally {
            capture.release();
        }
        if (count == 0) {
            throw new IOException(video + ": the video holds no frames");
        }
        return count;
    }

    /**
     * Writes BGR frames (all of one size) as an MJPG AVI, the codec the bundled OpenCV encodes and
     * decodes on its own; releases the frames.
     */
    public static void writeMjpg(Path file, Mat[] frames, double fps) throws IOException {
        OpenCv.load();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Size size = frames.length == 0 ? new Size(16, 16) : frames[0].size();
        VideoWriter writer =
                new VideoWriter(
                        file.toString(), VideoWriter.fourcc('M', 'J', 'P', 'G'), fps, size, true);
        if (!writer.isOpened()) {
            throw new IOException(file + ": OpenCV cannot write an MJPG AVI here");
        }
        for (Mat frame : frames) {
            writer.write(frame);
            frame.release();
        }
        writer.release();
    }

    private static VideoCapture open(Path video) throws IOException {
        if (!Files.isRegularFile(video)) {
            throw new IOException(video + ": file not found");
        }
        OpenCv.load();
        VideoCapture capture = new VideoCapture(video.toString());
        if (!capture.isOpened()) {
            capture.release();
            throw new IOException(
                    video
                            + ": OpenCV cannot decode this video (the bundled build reads MJPG"
                            + " AVI; extract other codecs to frame folders first)");
        }
        return capture;
    }
}
