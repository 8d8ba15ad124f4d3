package org.infopro.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;

/** Array assertions with tolerances, shared by every module's tests. */
public final class NDAssert {

    private NDAssert() {}

    /** Same shape and every element within {@code tolerance} (absolute). */
    public static void assertClose(NDArray expected, NDArray actual, double tolerance) {
        assertArrayEquals(expected.getShape().getShape(), actual.getShape().getShape(), "shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertTrue(
                    Math.abs(e[i] - a[i]) <= tolerance,
                    "element " + i + ": expected " + e[i] + " but was " + a[i]);
        }
    }

    /** A scalar array within {@code tolerance} of a double computed independently. */
    public static void assertScalar(double expected, NDArray actual, double tolerance) {
        double value = actual.getFloat();
        assertTrue(
                Math.abs(expected - value) <= tolerance,
                "expected " + expected + " but was " + value);
    }
}
