package org.infopro.core.testing;

import org.infopro.core.data.RawImages;

/** Stand-ins for Fashion-MNIST items in tests of the generated benchmark sets. */
public final class SyntheticItems {

    private SyntheticItems() {}

    /**
     * Ten 28×28 grey items, one per class: a filled rectangle, 20 pixels high, whose width grows
     * with the class (2·c + 2 pixels), so items differ in shape as real ones do.
     */
    public static RawImages rectangles() {
        byte[] pixels = new byte[10 * 784];
        int[] labels = new int[10];
        for (int c = 0; c < 10; c++) {
            labels[c] = c;
            for (int y = 4; y < 24; y++) {
                for (int x = 4; x < 6 + 2 * c; x++) {
                    pixels[c * 784 + y * 28 + x] = (byte) 220;
                }
            }
        }
        return new RawImages(pixels, labels, 1, 28, 28, 10);
    }
}
