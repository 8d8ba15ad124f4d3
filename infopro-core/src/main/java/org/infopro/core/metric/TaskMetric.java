package org.infopro.core.metric;

import ai.djl.ndarray.NDList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Accumulates a task's evaluation metric over batches (top-1 accuracy, mIoU, …). */
public interface TaskMetric {

    /** Adds one batch of network outputs and their labels. */
    void update(NDList outputs, NDList labels);

    /** The metric values by name, e.g. {@code top1}, in percent where it is a rate. */
    Map<String, Double> values();

    /** The name of the headline value, used for "best" tracking and charts. */
    String primary();

    /**
     * The values benchmark reports show beside the primary one (those a run produced), e.g. a
     * detector's AP50 and mask AP; none by default.
     */
    default List<String> secondary() {
        return List.of();
    }

    /**
     * Writes the accumulated predictions in the task's standard exchange format (a detector's COCO
     * results JSON), for other tools; by default there is nothing to write.
     *
     * @param base the path without extension; the task adds its own suffix
     */
    default void writePredictions(Path base) throws IOException {}
}
