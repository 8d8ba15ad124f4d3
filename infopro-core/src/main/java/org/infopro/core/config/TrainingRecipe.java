package org.infopro.core.config;

import org.infopro.core.optim.LrSchedule;
import org.infopro.core.optim.Optimizer;

/**
 * How to optimise: optimizer, learning-rate schedule, epochs, batch size, seed, augmentation.
 *
 * @param optimizer the SGD instance (holds momentum buffers)
 * @param schedule learning rate per step
 * @param epochs epochs to train
 * @param batchSize samples per step; the last partial batch is dropped
 * @param seed seeds initialisation, shuffling and augmentation
 * @param augment whether training batches are augmented
 */
public record TrainingRecipe(
        Optimizer optimizer,
        LrSchedule schedule,
        int epochs,
        int batchSize,
        long seed,
        boolean augment) {

    public TrainingRecipe {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "epochs and batch size must be positive, got " + epochs + " and " + batchSize);
        }
    }
}
