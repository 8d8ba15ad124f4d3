package org.infopro.core.train;

import ai.djl.ndarray.NDManager;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.TrainingBatch;

/**
 * Loads the next batch on a background thread while the current one trains, as a PyTorch DataLoader
 * worker does: decoding and augmentation (a quarter of a step for dense tasks) then overlap with
 * compute. At most one batch is loaded ahead; each batch lives in its own manager, closed with the
 * {@link Loaded} it comes in.
 */
final class BatchPrefetcher implements AutoCloseable {

    /** A loaded batch and the manager that owns its arrays. */
    record Loaded(NDManager manager, TrainingBatch batch) implements AutoCloseable {
        @Override
        public void close() {
            manager.close();
        }
    }

    private final NDManager root;
    private final LabeledData data;
    private final LabeledData.Pass pass;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(
                    task -> {
                        Thread thread = new Thread(task, "batch-prefetch");
                        thread.setDaemon(true);
                        return thread;
                    });
    private Future<Loaded> pending;

    BatchPrefetcher(NDManager root, LabeledData data, LabeledData.Pass pass) {
        this.root = root;
        this.data = data;
        this.pass = pass;
    }

    /** Starts loading a batch; the previous one must have been taken. */
    void request(int[] indices, long seed) {
        if (pending != null) {
            throw new IllegalStateException("The previous batch was not taken");
        }
        pending =
                worker.submit(
                        () -> {
                            NDManager manager = root.newSubManager();
                            try {
                                return new Loaded(manager, data.load(manager, indices, pass, seed));
                            } catch (RuntimeException e) {
                                manager.close();
                                throw e;
                            }
                        });
    }

    /** Waits for the requested batch; loading errors surface here unchanged. */
    Loaded take() {
        if (pending == null) {
            throw new IllegalStateException("No batch was requested");
        }
        Future<Loaded> future = pending;
        pending = null;
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading a batch", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Frees a batch loaded ahead but never taken (training stopped early) and the thread. */
    @Override
    public void close() {
        if (pending != null) {
            try {
                take().close();
            } catch (RuntimeException ignored) {
                // the run is already ending; a loading error of an unused batch does not matter
            }
        }
        worker.shutdownNow();
    }
}
