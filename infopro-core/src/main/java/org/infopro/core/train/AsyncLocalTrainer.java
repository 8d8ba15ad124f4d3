package org.infopro.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.optim.Optimizer;
import org.infopro.core.spi.TaskPlugin;

/**
 * Asynchronous local training (Asy-InfoPro): module k runs on a worker thread of its own. It takes
 * module k-1's detached output for a batch from a bounded queue, runs its forward pass and its
 * loss, back-propagates, updates its own parameters (and its local head's) at once, and hands its
 * detached output on. No module waits for a later module's backward pass, so module k may already
 * work on batch t+1 while module k+1 is still on batch t.
 *
 * <p>The updates are exactly those of simultaneous training: module k's update on batch t depends
 * only on its own parameters and on module k-1's output for batch t, which module k-1 computes
 * before its own update on that batch in both modes. The pipeline changes when the work is done,
 * not what is computed; the tests check the parameters agree after several batches.
 *
 * <p>Each worker records and runs its own backward pass ({@link ThreadAutograd}); the optimizer's
 * state is kept per parameter name, which no two workers share. A batch lives until the last module
 * is done with it, since every module reads its labels and its restored image.
 */
public final class AsyncLocalTrainer implements AutoCloseable {

    /** A batch on its way through the modules. */
    private record Handoff(
            TrainingBatch batch,
            AutoCloseable batchOwner,
            long step,
            float learningRate,
            NDArray features,
            NDList tapped,
            NDManager scope) {}

    private static final Handoff END = new Handoff(null, null, -1, 0, null, null, null);

    private final LocalNetwork network;
    private final TaskPlugin task;
    private final Optimizer optimizer;
    private final List<BlockingQueue<Handoff>> inboxes = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Map<Long, float[]> partialLosses = new ConcurrentHashMap<>();
    private final Map<Long, List<Map<String, Float>>> partialParts = new ConcurrentHashMap<>();
    private final BlockingQueue<StepResult> finished = new ArrayBlockingQueue<>(1 << 16);
    private final NDManager manager;
    private volatile RuntimeException failure;
    private int submitted;
    private int collected;

    /**
     * Starts one worker per module.
     *
     * @param queueCapacity batches that may wait between two modules
     */
    public AsyncLocalTrainer(
            LocalNetwork network, TaskPlugin task, Optimizer optimizer, int queueCapacity) {
        this.network = network;
        this.task = task;
        this.optimizer = optimizer;
        this.manager = network.getParameters().get(0).getValue().getArray().getManager();
        for (int m = 0; m < network.k(); m++) {
            inboxes.add(new ArrayBlockingQueue<>(queueCapacity));
        }
        for (int m = 0; m < network.k(); m++) {
            int module = m;
            PairList<String, Parameter> owned = parametersOf(module);
            Thread worker = new Thread(() -> work(module, owned), "infopro-module-" + (m + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Hands a batch to module 1, waiting while module 1's queue is full. The trainer closes {@code
     * batchOwner} once the last module is done with the batch.
     */
    public void submit(TrainingBatch batch, AutoCloseable batchOwner, long step, float lr) {
        rethrow();
        batch.restoredInput(); // made once, read by every module
        put(inboxes.get(0), new Handoff(batch, batchOwner, step, lr, batch.input(), null, null));
        submitted++;
    }

    /** Results of the steps the last module finished since the previous call, without waiting. */
    public List<StepResult> poll() {
        rethrow();
        List<StepResult> done = new ArrayList<>();
        finished.drainTo(done);
        collected += done.size();
        return done;
    }

    /** Waits until every submitted batch went through every module; returns their results. */
    public List<StepResult> drain() {
        List<StepResult> done = new ArrayList<>(poll());
        while (collected < submitted) {
            rethrow();
            try {
                StepResult result = finished.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (result != null) {
                    done.add(result);
                    collected++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while draining the modules", e);
            }
        }
        done.sort((a, b) -> Long.compare(a.step(), b.step()));
        return done;
    }

    /** The parameters module {@code m} updates: its blocks' and its head's, with network names. */
    private PairList<String, Parameter> parametersOf(int m) {
        Set<Parameter> mine = Collections.newSetFromMap(new IdentityHashMap<>());
        mine.addAll(network.module(m).getParameters().values());
        boolean last = m == network.k() - 1;
        mine.addAll((last ? network.taskHead() : network.localHead(m)).getParameters().values());
        PairList<String, Parameter> owned = new PairList<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            if (mine.contains(p.getValue())) {
                owned.add(p);
            }
        }
        return owned;
    }

    private void work(int m, PairList<String, Parameter> owned) {
        try {
            while (true) {
                Handoff in = inboxes.get(m).take();
                if (in == END) {
                    if (m + 1 < network.k()) {
                        put(inboxes.get(m + 1), END);
                    }
                    return;
                }
                Handoff out = process(m, in, owned);
                if (out != null) {
                    put(inboxes.get(m + 1), out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** One module's forward, loss, backward and update on one batch; the handoff to the next. */
    private Handoff process(int m, Handoff in, PairList<String, Parameter> owned) {
        boolean last = m == network.k() - 1;
        NDManager handoff = last ? null : manager.newSubManager();
        NDList taps = new NDList();
        if (in.tapped() != null) {
            taps = in.tapped();
            if (!last) {
                taps.forEach(tap -> tap.attach(handoff)); // carried on; the old handoff closes
            }
        }
        ModulePass.Result pass;
        ThreadAutograd.enable(); // recorded from here to the backward pass, on this thread only
        try {
            pass =
                    ModulePass.run(
                            network,
                            task,
                            m,
                            in.features(),
                            taps,
                            in.batch(),
                            in.step(),
                            manager,
                            handoff,
                            ThreadAutograd::backward);
        } finally {
            ThreadAutograd.disable(); // the update below is in place on leaf weights
        }
        optimizer.step(owned, in.learningRate());
        if (in.scope() != null) {
            in.scope().close(); // module m-1's output (and the taps it carried) are used up
        }
        record(in.step(), in.learningRate(), m, pass.losses());
        if (last) {
            closeBatch(in);
            return null;
        }
        return new Handoff(
                in.batch(),
                in.batchOwner(),
                in.step(),
                in.learningRate(),
                pass.output(),
                pass.taps(),
                handoff);
    }

    private void record(long step, float learningRate, int m, Map<String, Float> values) {
        int k = network.k();
        float[] totals = partialLosses.computeIfAbsent(step, s -> new float[k]);
        List<Map<String, Float>> parts =
                partialParts.computeIfAbsent(
                        step,
                        s ->
                                Collections.synchronizedList(
                                        new ArrayList<>(Collections.nCopies(k, null))));
        totals[m] = values.get(LocalTrainer.TOTAL);
        parts.set(m, values);
        if (m == k - 1) {
            partialLosses.remove(step);
            partialParts.remove(step);
            finished.add(new StepResult(step, learningRate, totals, new ArrayList<>(parts)));
        }
    }

    private static void closeBatch(Handoff in) {
        try {
            in.batchOwner().close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not release batch " + in.step(), e);
        }
    }

    private void put(BlockingQueue<Handoff> queue, Handoff handoff) {
        try {
            while (!queue.offer(handoff, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while handing on a batch", e);
        }
    }

    private void rethrow() {
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops the workers after the batches already submitted. */
    @Override
    public void close() {
        if (failure == null) {
            put(inboxes.get(0), END);
        }
        for (Thread worker : workers) {
            try {
                if (failure != null) {
                    worker.interrupt();
                }
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
