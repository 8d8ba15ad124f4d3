package org.infopro.core.loss;

import static org.infopro.core.testing.NDAssert.assertScalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every loss against a float64 computation written out independently here. */
class LossesTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void crossEntropyMatchesFloat64() {
        double[][] logits = {{2.0, -1.0, 0.5}, {0.1, 0.2, 3.0}, {-2.0, 4.0, 1.0}};
        int[] labels = {0, 2, 0};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double sum = 0;
            for (double z : logits[i]) {
                sum += Math.exp(z);
            }
            expected += -(logits[i][labels[i]] - Math.log(sum));
        }
        expected /= 3;
        NDArray actual = Losses.crossEntropy(create(logits), manager.create(new long[] {0, 2, 0}));
        assertScalar(expected, actual, 1e-6);
    }

    @Test
    void pixelCrossEntropySkipsIgnoredPixels() {
        // (N=1, C=2, H=1, W=3) logits; the middle pixel is unlabelled (255).
        float[] logits = {1f, 0f, -1f, 0f, 2f, 0.5f};
        long[] labels = {0, 255, 1};
        double expected = 0;
        int[][] pixels = {{0, 0}, {2, 1}}; // (pixel, label)
        for (int[] p : pixels) {
            double a = logits[p[0]];
            double b = logits[3 + p[0]];
            double z = p[1] == 0 ? a : b;
            expected += -(z - Math.log(Math.exp(a) + Math.exp(b)));
        }
        expected /= 2;
        NDArray actual =
                Losses.crossEntropy(
                        manager.create(logits, new Shape(1, 2, 1, 3)),
                        manager.create(labels, new Shape(1, 1, 3)),
                        255);
        assertScalar(expected, actual, 1e-6);
    }

    @Test
    void aMaskThatIsAllIgnoreGivesZeroLossNotNaN() {
        NDArray loss =
                Losses.crossEntropy(
                        manager.create(new float[] {0.3f, -1f, 2f, 0.5f}, new Shape(1, 2, 1, 2)),
                        manager.create(new float[] {255, 255}, new Shape(1, 1, 2)),
                        255);
        assertScalar(0.0, loss, 0);
    }

    @Test
    void bceOfSigmoidMatchesFloat64() {
        double[] z = {-3.0, -0.5, 0.0, 0.7, 2.5, 8.0};
        double[] t = {0.0, 0.2, 0.5, 1.0, 0.9, 0.3};
        double expected = 0;
        for (int i = 0; i < z.length; i++) {
            double p = 1 / (1 + Math.exp(-z[i]));
            expected += -(t[i] * Math.log(p) + (1 - t[i]) * Math.log(1 - p));
        }
        expected /= z.length;
        NDArray actual =
                Losses.binaryCrossEntropyWithLogits(
                        manager.create(toFloat(z), new Shape(2, 3)),
                        manager.create(toFloat(t), new Shape(2, 3)));
        assertScalar(expected, actual, 1e-6);
    }

    @Test
    void supConMatchesFloat64IncludingAnchorsWithoutPositives() {
        double[][] raw = {
            {1, 0.2, 0}, {0.9, 0.1, 0.3}, {-0.2, 1, 0.4}, {0.1, 0.8, 0.5}, {0.3, -0.7, 1}
        };
        int[] labels = {0, 0, 1, 1, 2}; // sample 4 has no positive
        double[][] z = normalize(raw);
        double tau = 0.07;
        double expected = 0;
        for (int i = 0; i < z.length; i++) {
            double denominator = 0;
            for (int a = 0; a < z.length; a++) {
                if (a != i) {
                    denominator += Math.exp(dot(z[i], z[a]) / tau);
                }
            }
            double sum = 0;
            int positives = 0;
            for (int p = 0; p < z.length; p++) {
                if (p != i && labels[p] == labels[i]) {
                    sum += dot(z[i], z[p]) / tau - Math.log(denominator);
                    positives++;
                }
            }
            expected += positives == 0 ? 0 : -sum / positives;
        }
        expected /= z.length;
        NDArray actual =
                Losses.supervisedContrastive(
                        create(z), manager.create(new long[] {0, 0, 1, 1, 2}), 0.07f, 0.07f);
        assertScalar(expected, actual, 1e-4);
    }

    private NDArray create(double[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[0].length; j++) {
                flat[i * rows[0].length + j] = (float) rows[i][j];
            }
        }
        return manager.create(flat, new Shape(rows.length, rows[0].length));
    }

    private static double[][] normalize(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double norm = Math.sqrt(dot(rows[i], rows[i]));
            out[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = rows[i][j] / norm;
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
