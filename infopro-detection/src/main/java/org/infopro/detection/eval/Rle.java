package org.infopro.detection.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A binary mask in COCO's run-length encoding: runs over the pixels in column-major order,
 * alternating background and foreground, starting with background (possibly an empty run).
 *
 * <p>Reads and writes both of COCO's forms: the plain {@code counts} list and the compressed {@code
 * counts} string. Polygons are rasterised the way COCO's mask API does (the outline is traced at
 * five times the resolution and pixels are filled between the crossings), so masks made here from a
 * COCO polygon equal the evaluation server's.
 */
public final class Rle {

    private final int height;
    private final int width;
    private final int[] counts;

    /**
     * @param height mask height
     * @param width mask width
     * @param counts run lengths, column-major, starting with background
     * @throws IllegalArgumentException when the runs do not cover height × width pixels exactly
     */
    public Rle(int height, int width, int[] counts) {
        long total = 0;
        for (int count : counts) {
            if (count < 0) {
                throw new IllegalArgumentException("negative run length " + count);
            }
            total += count;
        }
        if (total != (long) height * width) {
            throw new IllegalArgumentException(
                    "runs cover "
                            + total
                            + " pixels but the mask has "
                            + height
                            + "x"
                            + width
                            + " = "
                            + (long) height * width);
        }
        this.height = height;
        this.width = width;
        this.counts = counts.clone();
    }

    /** Encodes a row-major mask of {@code height × width} pixels (non-zero = foreground). */
    public static Rle fromMask(byte[] mask, int height, int width) {
        List<Integer> runs = new ArrayList<>();
        boolean current = false;
        int run = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                boolean on = mask[y * width + x] != 0;
                if (on != current) {
                    runs.add(run);
                    run = 0;
                    current = on;
                }
                run++;
            }
        }
        runs.add(run);
        return new Rle(height, width, runs.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The row-major mask, 1 for foreground. */
    public byte[] toMask() {
        byte[] mask = new byte[height * width];
        int position = 0;
        for (int i = 0; i < counts.length; i++) {
            if (i % 2 == 1) {
                for (int p = position; p < position + counts[i]; p++) {
                    mask[(p % height) * width + p / height] = 1;
                }
            }
            position += counts[i];
        }
        return mask;
    }

    /** Mask height. */
    public int height() {
        return height;
    }

    /** Mask width. */
    public int width() {
        return width;
    }

    /** The run lengths (a copy). */
    public int[] counts() {
        return counts.clone();
    }

    /** Number of foreground pixels. */
    public long area() {
        long area = 0;
        for (int i = 1; i < counts.length; i += 2) {
            area += counts[i];
        }
        return area;
    }

    /** The tight box {x, y, w, h} of the foreground, all zero for an empty mask. */
    public double[] toBox() {
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        long position = 0;
        for (int i = 0; i < counts.length; i++) {
            if (i % 2 == 1 && counts[i] > 0) {
                long first = position;
                long last = position + counts[i] - 1;
                int x0 = (int) (first / height);
                int x1 = (int) (last / height);
                minX = Math.min(minX, x0);
                maxX = Math.max(maxX, x1);
                // A run spanning columns covers every row between them.
                minY = Math.min(minY, x1 > x0 ? 0 : (int) (first % height));
                maxY = Math.max(maxY, x1 > x0 ? height - 1 : (int) (last % height));
            }
            position += counts[i];
        }
        if (maxX < 0) {
            return new double[4];
        }
        return new double[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
    }

    /** Number of pixels set in both masks (of equal size). */
    public long intersection(Rle other) {
        if (other.height != height || other.width != width) {
            throw new IllegalArgumentException(
                    "masks differ in size: "
                            + height
                            + "x"
                            + width
                            + " and "
                            + other.height
                            + "x"
                            + other.width);
        }
        long shared = 0;
        int i = 0;
        int j = 0;
        long endA = counts.length > 0 ? counts[0] : 0;
        long endB = other.counts.length > 0 ? other.counts[0] : 0;
        long position = 0;
        long total = (long) height * width;
        // Walk both run lists at once; i and j are the indices of the runs holding `position`.
        while (position < total) {
            while (endA <= position && i + 1 < counts.length) {
                endA += counts[++i];
            }
            while (endB <= position && j + 1 < other.counts.length) {
                endB += other.counts[++j];
            }
            long next = Math.min(endA, endB);
            if (i % 2 == 1 && j % 2 == 1) {
                shared += next - position;
            }
            position = next;
        }
        return shared;
    }

    /**
     * COCO's mask IoU: intersection over union, or over this (detected) mask's area when the ground
     * truth is a crowd region.
     */
    public double iou(Rle groundTruth, boolean crowd) {
        long shared = intersection(groundTruth);
        double union = crowd ? area() : area() + groundTruth.area() - shared;
        return union > 0 ? shared / union : 0;
    }

    /** The union of masks of one size. */
    public static Rle union(List<Rle> parts) {
        Rle first = parts.get(0);
        byte[] mask = new byte[first.height * first.width];
        for (Rle part : parts) {
            byte[] bits = part.toMask();
            for (int p = 0; p < mask.length; p++) {
                mask[p] |= bits[p];
            }
        }
        return fromMask(mask, first.height, first.width);
    }

    /**
     * COCO's compressed form of the counts: each run as a difference from the run two before it
     * (from the third run on), written in 5-bit groups with a continuation bit, offset by '0'.
     */
    public String toCompressedString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            long value = counts[i];
            if (i > 2) {
                value -= counts[i - 2];
            }
            boolean more = true;
            while (more) {
                int group = (int) (value & 0x1f);
                value >>= 5;
                // The group's top bit (0x10) doubles as the sign of what remains.
                more = (group & 0x10) != 0 ? value != -1 : value != 0;
                if (more) {
                    group |= 0x20;
                }
                text.append((char) (group + 48));
            }
        }
        return text.toString();
    }

    /**
     * Decodes COCO's compressed counts string.
     *
     * @throws IllegalArgumentException when the string is malformed or does not cover the mask
     */
    public static Rle fromCompressedString(String text, int height, int width) {
        List<Integer> runs = new ArrayList<>();
        int p = 0;
        while (p < text.length()) {
            long value = 0;
            int shift = 0;
            boolean more = true;
            while (more) {
                if (p >= text.length()) {
                    throw new IllegalArgumentException("RLE string ends inside a run: " + text);
                }
                int group = text.charAt(p++) - 48;
                if (group < 0 || group > 63) {
                    throw new IllegalArgumentException(
                            "RLE string has an invalid character '"
                                    + text.charAt(p - 1)
                                    + "' at "
                                    + (p - 1));
                }
                value |= (long) (group & 0x1f) << shift;
                more = (group & 0x20) != 0;
                shift += 5;
                if (!more && (group & 0x10) != 0) {
                    value |= -1L << shift;
                }
            }
            if (runs.size() > 2) {
                value += runs.get(runs.size() - 2);
            }
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "RLE string decodes to run length " + value + " (run " + runs.size() + ")");
            }
            runs.add((int) value);
        }
        return new Rle(height, width, runs.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Rasterises a polygon {x0, y0, x1, y1, …} in pixel coordinates as COCO's mask API does: the
     * outline is traced on a grid five times finer, and each column's crossings with the outline
     * toggle the pixels below them.
     */
    public static Rle fromPolygon(double[] xy, int height, int width) {
        final double scale = 5;
        int k = xy.length / 2;
        int[] x = new int[k + 1];
        int[] y = new int[k + 1];
        for (int j = 0; j < k; j++) {
            x[j] = (int) (scale * xy[2 * j] + .5);
            y[j] = (int) (scale * xy[2 * j + 1] + .5);
        }
        x[k] = x[0];
        y[k] = y[0];
        // Dense outline points on the fine grid.
        List<int[]> outline = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            traceEdge(x[j], y[j], x[j + 1], y[j + 1], outline);
        }
        // Where the outline moves to another fine column that is a pixel centre, it crosses that
        // column: the pixel rows from the crossing down switch between inside and outside.
        List<Long> toggles = new ArrayList<>();
        for (int j = 1; j < outline.size(); j++) {
            int[] a = outline.get(j - 1);
            int[] b = outline.get(j);
            if (a[0] == b[0]) {
                continue;
            }
            double xd = b[0] < a[0] ? b[0] : b[0] - 1;
            xd = (xd + .5) / scale - .5;
            if (Math.floor(xd) != xd || xd < 0 || xd > width - 1) {
                continue;
            }
            double yd = Math.min(a[1], b[1]);
            yd = (yd + .5) / scale - .5;
            yd = Math.ceil(Math.max(0, Math.min(height, yd)));
            toggles.add((long) xd * height + (long) yd);
        }
        toggles.add((long) height * width);
        long[] sorted = toggles.stream().mapToLong(Long::longValue).sorted().toArray();
        List<Integer> runs = new ArrayList<>();
        long previous = 0;
        for (int j = 0; j < sorted.length; j++) {
            long run = sorted[j] - previous;
            previous = sorted[j];
            if (run > 0 || j == 0) {
                runs.add((int) run);
            } else if (j + 1 < sorted.length) {
                // Two toggles at one pixel cancel: merge the next run into the current one.
                j++;
                long next = sorted[j] - previous;
                previous = sorted[j];
                runs.set(runs.size() - 1, (int) (runs.get(runs.size() - 1) + next));
            }
        }
        return new Rle(height, width, runs.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Appends the fine-grid points of one edge, stepping along its longer axis. */
    private static void traceEdge(int xs, int ys, int xe, int ye, List<int[]> out) {
        int dx = Math.abs(xe - xs);
        int dy = Math.abs(ye - ys);
        // Step from the lower end of the longer axis, so an edge rasterises the same both ways.
        boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
        if (flip) {
            int t = xs;
            xs = xe;
            xe = t;
            t = ys;
            ys = ye;
            ye = t;
        }
        if (dx >= dy) {
            double slope = dx == 0 ? 0 : (double) (ye - ys) / dx;
            for (int d = 0; d <= dx; d++) {
                int t = flip ? dx - d : d;
                out.add(new int[] {t + xs, (int) (ys + slope * t + .5)});
            }
        } else {
            double slope = (double) (xe - xs) / dy;
            for (int d = 0; d <= dy; d++) {
                int t = flip ? dy - d : d;
                out.add(new int[] {(int) (xs + slope * t + .5), t + ys});
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rle rle
                && rle.height == height
                && rle.width == width
                && Arrays.equals(rle.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Rle[" + height + "x" + width + ", area " + area() + "]";
    }
}
