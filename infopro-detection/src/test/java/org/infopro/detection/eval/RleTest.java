package org.infopro.detection.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RleTest {

    /** 3×4 mask, row-major: column 1 fully on, plus (row 2, column 3). */
    private static final byte[] MASK = {
        0, 1, 0, 0,
        0, 1, 0, 0,
        0, 1, 0, 1
    };

    @Test
    void encodesColumnMajorRunsStartingWithBackground() {
        Rle rle = Rle.fromMask(MASK, 3, 4);
        // column 0: 3 off; column 1: 3 on; columns 2 and 3: 3 + 2 off, then 1 on.
        assertArrayEquals(new int[] {3, 3, 5, 1}, rle.counts());
        assertEquals(4, rle.area());
        assertArrayEquals(MASK, rle.toMask());
        assertArrayEquals(new double[] {1, 0, 3, 3}, rle.toBox());
    }

    @Test
    void compressedStringRoundTripsAndMatchesCocoEncoding() {
        Rle rle = Rle.fromMask(MASK, 3, 4);
        // Runs 3, 3, 5, 1 → 3, 3, 5, 1-3 = -2: characters '3', '3', '5', and -2 → 30 + 48 = 'N'.
        assertEquals("335N", rle.toCompressedString());
        assertEquals(rle, Rle.fromCompressedString("335N", 3, 4));
        Rle large = new Rle(100, 100, new int[] {0, 37, 1200, 8763});
        assertEquals(large, Rle.fromCompressedString(large.toCompressedString(), 100, 100));
    }

    @Test
    void malformedStringsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Rle.fromCompressedString("33", 3, 4));
        assertThrows(IllegalArgumentException.class, () -> Rle.fromCompressedString("3~3", 3, 4));
        assertThrows(IllegalArgumentException.class, () -> Rle.fromCompressedString("3o", 3, 4));
    }

    @Test
    void intersectionAndIouMatchPixelCounts() {
        byte[] other = new byte[12];
        other[1] = 1; // (0, 1): shared
        other[2] = 1; // (0, 2): only here
        Rle a = Rle.fromMask(MASK, 3, 4);
        Rle b = Rle.fromMask(other, 3, 4);
        assertEquals(1, a.intersection(b));
        assertEquals(1 / 5.0, a.iou(b, false), 1e-12);
        assertEquals(1 / 2.0, b.iou(a, true), 1e-12); // crowd: over the detection's area
    }

    @Test
    void squarePolygonFillsTheCoveredPixels() {
        // A square with corners on pixel borders, 2..6 × 1..4 in pixel-centre coordinates: COCO
        // fills columns 2..5 and rows 1..3 (the pixel centres strictly inside).
        Rle rle = Rle.fromPolygon(new double[] {2, 1, 6, 1, 6, 4, 2, 4}, 8, 8);
        byte[] mask = rle.toMask();
        int area = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                boolean inside = x >= 2 && x <= 5 && y >= 1 && y <= 3;
                assertEquals(inside ? 1 : 0, mask[y * 8 + x], "pixel " + x + "," + y);
                area += mask[y * 8 + x];
            }
        }
        assertEquals(12, area);
    }

    @Test
    void runsMustCoverTheMask() {
        assertThrows(IllegalArgumentException.class, () -> new Rle(3, 4, new int[] {3, 3}));
    }
}
