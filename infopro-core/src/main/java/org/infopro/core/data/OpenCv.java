package org.infopro.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.core.io.AtomicFiles;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * OpenCV for decoding and resampling images, as the PyTorch toolkits use it ({@code cv2}). The
 * native library ships inside the openpnp jar; it is extracted once per machine and loaded once per
 * process.
 */
public final class OpenCv {

    private static boolean loaded;

    private OpenCv() {}

    /** Where the native library is kept between processes (overridable for tests). */
    static Path cacheFolder() {
        String configured = System.getProperty("infopro.cache");
        Path root =
                configured != null
                        ? Path.of(configured)
                        : Path.of(System.getProperty("user.home"), ".cache", "infopro");
        return root.resolve("opencv");
    }

    /**
     * Loads the native library if this process has not yet. On Linux x86-64 the library (63 MB) is
     * extracted from the jar once per machine into {@link #cacheFolder()} and reused, instead of
     * into a new temporary folder per process, which a killed process leaves behind; elsewhere
     * openpnp's own loader is used.
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        if (OpenCv.class.getResource("/org/opencv/core/Core.class") == null) {
            // infopro-core and infopro-classification declare it optional: only decoders need it.
            throw new IllegalStateException(
                    "Decoding images needs OpenCV on the class path: add the dependency"
                            + " org.openpnp:opencv:4.9.0-0");
        }
        String resource = "/nu/pattern/opencv/linux/x86_64/libopencv_java490.so";
        boolean linux64 =
                System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")
                        && System.getProperty("os.arch").equals("amd64")
                        && OpenCv.class.getResource(resource) != null;
        if (linux64) {
            try {
                System.load(cachedLibrary(resource).toString());
                loaded = true;
                return;
            } catch (IOException | UnsatisfiedLinkError e) {
                System.err.println(
                        "warning: OpenCV could not be cached in "
                                + cacheFolder()
                                + " ("
                                + e.getMessage()
                                + "); extracting it to a temporary folder");
            }
        }
        nu.pattern.OpenCV.loadLocally();
        loaded = true;
    }

    /** The cached copy of the library, written atomically when missing or of another size. */
    private static Path cachedLibrary(String resource) throws IOException {
        Path library = cacheFolder().resolve("4.9.0-0").resolve("libopencv_java490.so");
        java.net.URLConnection entry = OpenCv.class.getResource(resource).openConnection();
        long size = entry.getContentLengthLong();
        if (!Files.isRegularFile(library) || Files.size(library) != size) {
            try (InputStream in = entry.getInputStream()) {
                AtomicFiles.write(library, out -> in.transferTo(out));
            }
        }
        return library;
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
        requireComplete(file);
        load();
        Mat bgr = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
        if (bgr.empty()) {
            throw new IOException(
                    file + ": not a readable image (unknown or corrupt format, or 0×0 pixels)");
        }
        Mat rgb = new Mat();
        Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
        bgr.release();
        return rgb;
    }

    /**
     * Refuses a JPEG without its end-of-image marker or a PNG without its {@code IEND} chunk:
     * decoders fill a truncated image's missing rows with grey and only warn, so a cut-off download
     * would otherwise be trained on.
     *
     * @throws IOException naming the file when it is truncated
     */
    public static void requireComplete(Path file) throws IOException {
        long size = Files.size(file);
        byte[] head = new byte[8];
        byte[] tail = new byte[(int) Math.min(size, 1024)];
        try (var channel = Files.newByteChannel(file)) {
            channel.read(java.nio.ByteBuffer.wrap(head));
            channel.position(size - tail.length);
            channel.read(java.nio.ByteBuffer.wrap(tail));
        }
        boolean jpeg = (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8;
        boolean png =
                (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
        if (jpeg && !contains(tail, new byte[] {(byte) 0xFF, (byte) 0xD9})) {
            throw new IOException(file + ": truncated JPEG (no end-of-image marker)");
        }
        if (png && !contains(tail, "IEND".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new IOException(file + ": truncated PNG (no IEND chunk)");
        }
    }

    private static boolean contains(byte[] data, byte[] pattern) {
        outer:
        for (int i = data.length - pattern.length; i >= 0; i--) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
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
