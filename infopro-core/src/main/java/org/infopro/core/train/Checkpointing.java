package org.infopro.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves an atomic, verified {@link Checkpoint} at every epoch end and every {@code everySteps}
 * steps; add it after the listeners whose results it should hold.
 */
public final class Checkpointing implements TrainingListener {

    private final Path file;
    private final int everySteps;

    /**
     * @param file the checkpoint ({@code OUT/checkpoint.ckpt}); the one it replaces is kept
     * @param everySteps steps between checkpoints within an epoch (0 = epoch ends only)
     */
    public Checkpointing(Path file, int everySteps) {
        if (everySteps < 0) {
            throw new IllegalArgumentException(
                    "checkpoint every N ≥ 0 steps (0 = epoch ends only), got " + everySteps);
        }
        this.file = file;
        this.everySteps = everySteps;
    }

    /** The checkpoint file. */
    public Path file() {
        return file;
    }

    @Override
    public boolean wantsSettledAfter(long stepsDone) {
        return everySteps > 0 && stepsDone % everySteps == 0;
    }

    @Override
    public void onSettled(TrainingContext context) {
        save(context);
    }

    @Override
    public void onEpochEnd(TrainingContext context, TrainingState.EpochRecord record) {
        save(context);
    }

    private void save(TrainingContext context) {
        try {
            Checkpoint.save(
                    file,
                    context.experiment().config(),
                    context.state(),
                    context.network(),
                    context.optimizer());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write checkpoint " + file, e);
        }
    }
}
