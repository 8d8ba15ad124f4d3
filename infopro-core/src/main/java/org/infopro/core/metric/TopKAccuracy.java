package org.infopro.core.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Top-1 accuracy, and top-5 when there are more than 5 classes, in percent. */
public final class TopKAccuracy implements TaskMetric {

    private final int classes;
    private long seen;
    private long top1;
    private long top5;

    public TopKAccuracy(int classes) {
        this.classes = classes;
    }

    @Override
    public void update(NDList outputs, NDList labels) {
        NDArray logits = outputs.head();
        NDArray truth = labels.head().toType(DataType.INT64, false).reshape(-1, 1);
        int k = Math.min(5, classes);
        // Indices of the k best classes per row, best first.
        NDArray best = logits.argSort(1, false).get(":, :" + k);
        NDArray hits = best.eq(truth);
        top1 += hits.get(":, 0").sum().toType(DataType.INT64, false).getLong();
        top5 += hits.sum().toType(DataType.INT64, false).getLong();
        seen += logits.getShape().get(0);
    }

    @Override
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("top1", 100.0 * top1 / Math.max(1, seen));
        if (classes > 5) {
            values.put("top5", 100.0 * top5 / Math.max(1, seen));
        }
        return values;
    }

    @Override
    public String primary() {
        return "top1";
    }
}
