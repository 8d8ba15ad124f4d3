package org.infopro.core.objective;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A module's loss: the total that is back-propagated, and its weighted parts by name (for the
 * progress bar and for naming the culprit when a value is not finite).
 *
 * @param total the scalar to back-propagate
 * @param parts weighted components by name, e.g. {@code recon}, {@code task}
 */
public record LossTerms(NDArray total, Map<String, NDArray> parts) {

    /** A loss with a single part. */
    public static LossTerms single(String name, NDArray value) {
        return new LossTerms(value, Map.of(name, value));
    }
}
