package org.infopro.detection.eval;

/**
 * Pastes a detection's fixed-size mask probabilities into the image at its box, as mmdetection's
 * {@code _do_paste_mask}: each pixel centre inside the box samples the mask bilinearly (mask cells
 * spanning the box exactly, zero beyond its edges), and probabilities of at least 0.5 are set.
 */
final class MaskPaster {

    private MaskPaster() {}

    /**
     * @param probabilities row-major (size × size) mask probabilities
     * @param size the mask's side (28)
     * @param box {x1, y1, x2, y2} in image pixels
     * @return the binary mask of the image, row-major
     */
    static byte[] paste(float[] probabilities, int size, double[] box, int height, int width) {
        byte[] mask = new byte[height * width];
        double w = Math.max(box[2] - box[0], 1e-6);
        double h = Math.max(box[3] - box[1], 1e-6);
        int x0 = Math.max(0, (int) Math.floor(box[0]));
        int x1 = Math.min(width, (int) Math.ceil(box[2]) + 1);
        int y0 = Math.max(0, (int) Math.floor(box[1]));
        int y1 = Math.min(height, (int) Math.ceil(box[3]) + 1);
        for (int y = y0; y < y1; y++) {
            double v = (y + 0.5 - box[1]) / h * size - 0.5;
            for (int x = x0; x < x1; x++) {
                double u = (x + 0.5 - box[0]) / w * size - 0.5;
                if (sample(probabilities, size, v, u) >= 0.5) {
                    mask[y * width + x] = 1;
                }
            }
        }
        return mask;
    }

    private static double sample(float[] p, int size, double v, double u) {
        int r0 = (int) Math.floor(v);
        int c0 = (int) Math.floor(u);
        double fr = v - r0;
        double fc = u - c0;
        return (1 - fr) * ((1 - fc) * at(p, size, r0, c0) + fc * at(p, size, r0, c0 + 1))
                + fr * ((1 - fc) * at(p, size, r0 + 1, c0) + fc * at(p, size, r0 + 1, c0 + 1));
    }

    private static double at(float[] p, int size, int r, int c) {
        return r < 0 || c < 0 || r >= size || c >= size ? 0 : p[r * size + c];
    }
}
