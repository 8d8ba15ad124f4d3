package org.infopro.core.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.function.Function;

/**
 * How a task turns the network's forward pass into test-time predictions: a plain forward, or
 * test-time augmentation such as multi-scale, flipped or sliding-window inference.
 */
@FunctionalInterface
public interface Inference {

    /** One forward pass, as trained. */
    Inference PLAIN = (forward, input) -> forward.apply(input);

    /**
     * @param forward the network's forward pass in inference mode (input batch → head output)
     * @param input the evaluation batch
     * @return what the task's metric expects from the head
     */
    NDList predict(Function<NDArray, NDList> forward, NDArray input);
}
