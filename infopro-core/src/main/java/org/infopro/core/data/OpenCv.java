package org.infopro.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * OpenCV for decoding and resampling images, as the PyTorch toolkits use it ({@code cv2}). The
 * native library ships inside the openpnp jar and is extracted and loaded once per process.
 */
public final class OpenCv {

    private static boolean loaded;

    private OpenCv() {}

    /** Loads the native library if this process has not yet. */
    public static synchronized void load() {
        if (!loaded) {
            nu.pattern.OpenCV.loadLocally();
            loaded = true;
        }
    }

    /**
     * Decodes an image file into an 8-bit RGB image (OpenCV decodes to BGR, as {@code cv2.imread}).
     *
     * @throws IOException naming the file when it is missing or not a decodable image
     */
    public static Mat readRgb(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": file not found");
        }
        load();
        Mat bgr = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
        if (bgr.empty()) {
            throw new IOException(file + ": not a readable image (unknown or corrupt format)");
        }
        Mat rgb = new Mat();
        Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
        bgr.release();
        return rgb;
    }

    /** An 8-bit image of {@code channels} interleaved channels holding a copy of {@code pixels}. */
    public static Mat mat(byte[] pixels, int height, int width, int channels) {
        load();
        Mat mat = new Mat(height, width, CvType.CV_8UC(channels));
        mat.put(0, 0, pixels);
        return mat;
    }

    /** A 32-bit integer single-channel image holding a copy of {@code values}. */
    public static Mat mat(int[] values, int height, int width) {
        load();
        Mat mat = new Mat(height, width, CvType.CV_32SC1);
        mat.put(0, 0, values);
        return mat;
    }

    /** The pixels of an 8-bit image, interleaved; releases the image. */
    public static byte[] bytesOf(Mat mat) {
        byte[] pixels = new byte[(int) (mat.total() * mat.channels())];
        mat.get(0, 0, pixels);
        mat.release();
        return pixels;
    }

    /** The values of a 32-bit integer image; releases the image. */
    public static int[] intsOf(Mat mat) {
        int[] values = new int[(int) mat.total()];
        mat.get(0, 0, values);
        mat.release();
        return values;
    }
}
