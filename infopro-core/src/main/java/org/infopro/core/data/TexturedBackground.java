package org.infopro.core.data;

import java.util.SplittableRandom;

/**
 * Backgrounds of the generated benchmark sets: a smooth colour gradient plus a stripe texture and
 * pixel noise, so that objects cannot be found by colour alone.
 */
public final class TexturedBackground {

    private TexturedBackground() {}

    /** A random background as interleaved RGB bytes. */
    public static byte[] draw(SplittableRandom random, int height, int width) {
        byte[] rgb = new byte[height * width * 3];
        double[] base = {
            random.nextDouble(40, 200), random.nextDouble(40, 200), random.nextDouble(40, 200)
        };
        double fy = random.nextDouble(0.05, 0.4);
        double fx = random.nextDouble(0.05, 0.4);
        double amplitude = random.nextDouble(10, 40);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double texture = amplitude * Math.sin(fy * y + fx * x) + random.nextDouble(-8, 8);
                for (int c = 0; c < 3; c++) {
                    double v = base[c] + texture + 30.0 * (c - 1) * y / height;
                    rgb[(y * width + x) * 3 + c] = (byte) clampByte(v);
                }
            }
        }
        return rgb;
    }

    /** {@code v} rounded and clamped to 0…255. */
    public static int clampByte(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
