package org.infopro.video.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.infopro.core.data.OpenCv;
import org.infopro.core.data.RawImages;
import org.infopro.core.data.TexturedBackground;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The generated video benchmark: clips of one Fashion-MNIST item, in a colour that contrasts with a
 * textured background, where the <em>class is the motion</em> and the item is random. Opposite
 * motions (left/right, up/down, the two diagonals, the two rotations, zoom in/out) show the same
 * set of frames in reverse order, so a model that ignores temporal order cannot tell them apart.
 *
 * <p>Written in UCF101's layout and read back by {@link Ucf101}: {@code ucfTrainTestlist/}
 * (classInd.txt, trainlist01.txt, testlist01.txt) and {@code frames/Class/v_Class_gGG_cCC/} frame
 * folders; every tenth clip is written instead as an MJPG {@code .avi} next to them, read through
 * OpenCV's {@code VideoCapture}. Test clips use groups 1–7 and training clips groups 8+, as
 * UCF101's first split does.
 */
public final class MotionClips {

    /** Bumped whenever the generator's output changes, so stale generated sets are rebuilt. */
    public static final int VERSION = 5;

    /** The classes, in classInd order. */
    public static final List<String> CLASSES =
            List.of(
                    "Still",
                    "MoveLeft",
                    "MoveRight",
                    "MoveUp",
                    "MoveDown",
                    "MoveUpLeft",
                    "MoveDownRight",
                    "RotateClockwise",
                    "RotateCounterClockwise",
                    "ZoomIn",
                    "ZoomOut");

    /** Distance in pixels an item travels over a clip. */
    private static final double TRAVEL = 40;

    /** Degrees an item turns over a clip. */
    private static final double TURN = 180;

    private static final int ITEM = 28;

    private final RawImages items;
    private final int size;
    private final int frames;

    /**
     * @param items Fashion-MNIST images (28×28 grey) to draw items from
     * @param size frame side in pixels
     * @param frames frames per clip
     */
    public MotionClips(RawImages items, int size, int frames) {
        if (items.channels() != 1 || items.height() != ITEM || items.width() != ITEM) {
            throw new IllegalArgumentException("Items must be 28x28 grey images");
        }
        this.items = items;
        this.size = size;
        this.frames = frames;
        OpenCv.load();
    }

    /** Writes classInd.txt under {@code root}. */
    public static void writeClassIndex(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            lines.add((c + 1) + " " + CLASSES.get(c));
        }
        Path file = root.resolve("ucfTrainTestlist/classInd.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    /**
     * Writes {@code perClass} clips of every class for one split and its list file ({@code
     * trainlist01.txt} with labels, {@code testlist01.txt} without). Same seed, same files.
     */
    public void write(Path root, boolean train, int perClass, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> list = new ArrayList<>();
        for (int n = 0; n < perClass; n++) {
            for (int c = 0; c < CLASSES.size(); c++) {
                String name = CLASSES.get(c);
                int group = (train ? 8 : 1) + n / 4;
                String clip = String.format("v_%s_g%02d_c%02d", name, group, n % 4 + 1);
                Mat[] rendered = render(c, random);
                Path folder = root.resolve("frames").resolve(name).resolve(clip);
                if ((n * CLASSES.size() + c) % 10 == 9) {
                    VideoFiles.writeMjpg(folder.resolveSibling(clip + ".avi"), rendered, 25);
                } else {
                    writeFrames(folder, rendered);
                }
                String entry = name + "/" + clip + ".avi";
                list.add(train ? entry + " " + (c + 1) : entry);
            }
        }
        Files.write(
                root.resolve(
                        train
                                ? "ucfTrainTestlist/trainlist01.txt"
                                : "ucfTrainTestlist/testlist01.txt"),
                list);
    }

    /** One clip of class {@code c} as BGR frames. */
    Mat[] render(int c, SplittableRandom random) {
        Scene scene = draw(c, random);
        Mat[] out = new Mat[frames];
        for (int t = 0; t < frames; t++) {
            Mat alpha = scene.coverage(time(t), size);
            out[t] = composite(scene.background(), alpha, scene.colour());
            alpha.release();
        }
        scene.item().release();
        return out;
    }

    /** Clip time u ∈ [0, 1] of frame t. */
    double time(int t) {
        return frames == 1 ? 0.5 : (double) t / (frames - 1);
    }

    /** Draws the random content of one clip of class {@code c}. */
    Scene draw(int c, SplittableRandom random) {
        int index = random.nextInt(items.size());
        Mat item = new Mat(ITEM, ITEM, CvType.CV_8UC1);
        item.put(
                0,
                0,
                java.util.Arrays.copyOfRange(
                        items.pixels(), index * ITEM * ITEM, (index + 1) * ITEM * ITEM));
        byte[] background = TexturedBackground.draw(random, size, size);
        double[] colour = contrastingColour(background, random);
        return new Scene(item, background, colour, Motion.draw(CLASSES.get(c), random, size));
    }

    /** A clip's content: the item's grey image, the background, the item colour and the motion. */
    record Scene(Mat item, byte[] background, double[] colour, Motion motion) {

        /** The item's grey values placed in a size×size frame at clip time u. */
        Mat coverage(double u, int size) {
            Mat alpha = new Mat();
            Mat map = motion.at(u);
            Imgproc.warpAffine(item, alpha, map, new Size(size, size), Imgproc.INTER_LINEAR);
            map.release();
            return alpha;
        }
    }

    /**
     * A random item colour (RGB, 0–255) on the other side of mid-grey from the background's mean
     * brightness: the item must stand out for motion to be learnable from scratch in minutes.
     */
    private static double[] contrastingColour(byte[] background, SplittableRandom random) {
        double sum = 0;
        for (byte b : background) {
            sum += b & 0xFF;
        }
        boolean dark = sum / background.length > 120;
        double[] colour = new double[3];
        for (int c = 0; c < 3; c++) {
            colour[c] = dark ? random.nextDouble(0, 70) : random.nextDouble(170, 255);
        }
        return colour;
    }

    /** The item's grey values as coverage and shade over the background, in BGR order. */
    private Mat composite(byte[] background, Mat alpha, double[] colour) {
        byte[] a = new byte[size * size];
        alpha.get(0, 0, a);
        byte[] bgr = new byte[size * size * 3];
        for (int p = 0; p < size * size; p++) {
            double v = (a[p] & 0xFF) / 255.0;
            double cover = Math.min(1, 1.6 * v);
            for (int c = 0; c < 3; c++) {
                double item = colour[c] * (0.6 + 0.4 * v);
                double bg = background[p * 3 + c] & 0xFF;
                bgr[p * 3 + 2 - c] =
                        (byte) TexturedBackground.clampByte(cover * item + (1 - cover) * bg);
            }
        }
        return OpenCv.mat(bgr, size, size, 3);
    }

    private static void writeFrames(Path folder, Mat[] frames) throws IOException {
        Files.createDirectories(folder);
        for (int t = 0; t < frames.length; t++) {
            Path file = FrameFolders.frame(folder, t + 1);
            if (!Imgcodecs.imwrite(file.toString(), frames[t])) {
                throw new IOException(file + ": could not be written");
            }
            frames[t].release();
        }
    }

    /**
     * A motion over clip time u ∈ [0, 1]: centre, scale and angle of the item, each linear (scale
     * geometric) between its values at u = 0 and u = 1.
     */
    record Motion(
            double x0,
            double y0,
            double x1,
            double y1,
            double scale0,
            double scale1,
            double angle0,
            double angle1) {

        static Motion draw(String name, SplittableRandom r, int size) {
            double scale = r.nextDouble(0.9, 1.2);
            double x = r.nextDouble(0.35 * size, 0.65 * size);
            double y = r.nextDouble(0.35 * size, 0.65 * size);
            double half = TRAVEL / 2;
            double diagonal = half * Math.sqrt(0.5);
            double angle = r.nextDouble(-20, 20);
            double turn = TURN / 2;
            double zoom = Math.sqrt(2);
            switch (name) {
                case "Still":
                    return new Motion(x, y, x, y, scale, scale, angle, angle);
                case "MoveLeft":
                    return new Motion(x + half, y, x - half, y, scale, scale, angle, angle);
                case "MoveRight":
                    return new Motion(x - half, y, x + half, y, scale, scale, angle, angle);
                case "MoveUp":
                    return new Motion(x, y + half, x, y - half, scale, scale, angle, angle);
                case "MoveDown":
                    return new Motion(x, y - half, x, y + half, scale, scale, angle, angle);
                case "MoveUpLeft":
                    return new Motion(
                            x + diagonal,
                            y + diagonal,
                            x - diagonal,
                            y - diagonal,
                            scale,
                            scale,
                            angle,
                            angle);
                case "MoveDownRight":
                    return new Motion(
                            x - diagonal,
                            y - diagonal,
                            x + diagonal,
                            y + diagonal,
                            scale,
                            scale,
                            angle,
                            angle);
                case "RotateClockwise": // OpenCV's positive angles turn counter-clockwise
                    return new Motion(x, y, x, y, scale, scale, angle + turn, angle - turn);
                case "RotateCounterClockwise":
                    return new Motion(x, y, x, y, scale, scale, angle - turn, angle + turn);
                case "ZoomIn":
                    return new Motion(x, y, x, y, scale / zoom, scale * zoom, angle, angle);
                case "ZoomOut":
                    return new Motion(x, y, x, y, scale * zoom, scale / zoom, angle, angle);
                default:
                    throw new IllegalArgumentException("Unknown motion " + name);
            }
        }

        /** The 2×3 affine map from item pixels to frame pixels at time u. */
        Mat at(double u) {
            double scale = scale0 * Math.pow(scale1 / scale0, u);
            double angle = angle0 + (angle1 - angle0) * u;
            Mat m = Imgproc.getRotationMatrix2D(new Point(ITEM / 2.0, ITEM / 2.0), angle, scale);
            m.put(0, 2, m.get(0, 2)[0] + x0 + (x1 - x0) * u - ITEM / 2.0);
            m.put(1, 2, m.get(1, 2)[0] + y0 + (y1 - y0) * u - ITEM / 2.0);
            return m;
        }
    }
}
