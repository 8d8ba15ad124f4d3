package org.infopro.core.objective;

import org.infopro.core.nn.FeatureShape;

/**
 * How a non-final module learns: a named method that builds each local module's {@link LocalHead}
 * from the feature shape at its cut.
 *
 * <p>Implementations: {@link EndToEndObjective} (no local modules), {@link ClassifierObjective}
 * (greedy SL and DGL) and {@link InfoProObjective} (softmax or contrastive task term).
 */
public interface LocalObjective {

    /** The method's registry name, e.g. {@code infopro-contrast}. */
    String name();

    /** True for end-to-end training, which allows only K = 1. */
    default boolean isEndToEnd() {
        return false;
    }

    /**
     * Whether the method's heads need one label per sample ({@link
     * AuxNetFactory#hasSampleLabels()}), as a supervised-contrastive head does.
     */
    default boolean needsSampleLabels() {
        return false;
    }

    /**
     * The auxiliary nets and loss of local module {@code index} (0-based, below K-1).
     *
     * @param context what the head may depend on
     */
    LocalHead newHead(HeadContext context);

    /**
     * Everything a local head may depend on.
     *
     * @param index the local module's index, 0..K-2
     * @param k the number of modules
     * @param features the module's output shape
     * @param image the network's per-sample input shape
     * @param classes the number of classes of the task
     * @param auxNets the task's auxiliary-net factory
     */
    record HeadContext(
            int index,
            int k,
            FeatureShape features,
            FeatureShape image,
            int classes,
            AuxNetFactory auxNets) {}
}
