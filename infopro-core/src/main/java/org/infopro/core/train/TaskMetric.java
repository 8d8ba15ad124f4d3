package org.infopro.core.train;

import ai.djl.ndarray.NDList;
import java.util.Map;

/** Accumulates a task's evaluation metric over batches (top-1 accuracy, mIoU, …). */
public interface TaskMetric {

    /** Adds one batch of network outputs and their labels. */
    void update(NDList outputs, NDList labels);

    /** The metric values by name, e.g. {@code top1}, in percent where it is a rate. */
    Map<String, Double> values();

    /** The name of the headline value, used for "best" tracking and charts. */
    String primary();
}
