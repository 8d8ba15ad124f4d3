package org.infopro.core.config;

import java.util.Locale;

/**
 * A size in pixels, written {@code HEIGHTxWIDTH} (e.g. {@code 512x1024}) on the command line and in
 * help.
 *
 * @param height rows, at least 1
 * @param width columns, at least 1
 */
public record PixelSize(int height, int width) {

    /** Checks that both sides are at least one pixel. */
    public PixelSize {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "a size needs at least 1x1 pixels, got " + height + "x" + width);
        }
    }

    /**
     * Reads {@code HEIGHTxWIDTH}.
     *
     * @param text e.g. {@code 512x1024}
     * @throws IllegalArgumentException for anything else, quoting it
     */
    public static PixelSize parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new PixelSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "expected HEIGHTxWIDTH of at least 1x1 pixels, e.g. 512x1024; got '" + text + "'");
    }

    /** Whether height and width are equal. */
    public boolean isSquare() {
        return height == width;
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }
}
