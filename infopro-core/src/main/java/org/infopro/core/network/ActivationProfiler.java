package org.infopro.core.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.model.ActivationProfile;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.core.objective.LocalHead;
import org.infopro.core.objective.LocalObjective;
import org.infopro.core.objective.LocalObjective.HeadContext;
import org.infopro.core.spi.TaskPlugin;

/**
 * Measures an {@link ActivationProfile} with one dry training forward pass on a small batch: each
 * block runs in a scope of its own, and the bytes of every array the scope collected are what the
 * block keeps alive until its module's backward pass. Local heads are measured on each block's
 * output and the task head on the last one. Bytes grow linearly with the batch, so a batch of two
 * predicts the balance at any batch size.
 */
public final class ActivationProfiler {

    private ActivationProfiler() {}

    /**
     * Profiles a backbone instance of its own (its parameters are initialised here and freed
     * afterwards, so it must not be the one that will train).
     *
     * @param backbone a fresh instance of the backbone
     * @param objective the method whose local heads the modules will carry
     * @param task the task (head, loss, auxiliary nets)
     * @param classes number of classes
     * @param batch a small real batch (its labels feed the losses)
     */
    public static ActivationProfile measure(
            Backbone backbone,
            LocalObjective objective,
            TaskPlugin task,
            int classes,
            TrainingBatch batch) {
        List<Block> blocks = backbone.blocks();
        int n = blocks.size();
        long[] bytes = new long[n];
        long[] largest = new long[n];
        long[] outputs = new long[n];
        long[] heads = new long[n];
        AuxNetFactory auxNets = backbone.auxNets().orElse(task.auxNets());
        List<Integer> taps = backbone.taps().stream().map(backbone::indexOf).toList();
        batch.restoredInput();
        try (NDManager manager = NDManager.newBaseManager(batch.input().getDevice());
                GradientCollector ignored = Engine.getInstance().newGradientCollector()) {
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = batch.input();
            NDList tapped = new NDList();
            List<FeatureShape> headShapes = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                Block block = blocks.get(b);
                block.initialize(manager, DataType.FLOAT32, x.getShape());
                NDArray out;
                try (Scope scope = new Scope(manager)) {
                    out = block.forward(ps, new NDList(scope.lend(x)), true).head();
                    bytes[b] = scope.totalBytes();
                    largest[b] = scope.largestBytes();
                    out = out.stopGradient();
                    out.attach(manager);
                }
                outputs[b] = out.size() * out.getDataType().getNumOfBytes();
                if (taps.contains(b)) {
                    tapped.add(out);
                    headShapes.add(backbone.cutPoints().get(b).shape());
                }
                if (b < n - 1) {
                    LocalHead head =
                            objective.newHead(
                                    new HeadContext(
                                            0,
                                            2,
                                            backbone.cutPoints().get(b).shape(),
                                            backbone.inputShape(),
                                            classes,
                                            auxNets));
                    heads[b] =
                            lossBytes(
                                    head, new NDList(out), (h, in) -> h.loss(ps, in.head(), batch));
                }
                x = out;
            }
            headShapes.add(backbone.outputShape());
            Block head = task.newTaskHead(backbone, headShapes, classes);
            long taskHead =
                    lossBytes(
                            head,
                            LocalNetwork.headInput(tapped, x),
                            (h, in) -> task.trainingLoss(h, ps, in, batch));
            return new ActivationProfile(
                    Scope.bytes(batch.input()), bytes, largest, outputs, heads, taskHead);
        }
    }

    /**
     * Initialises a head for its inputs, runs its loss in a scope, and returns the scope's bytes.
     */
    private static <H extends Block> long lossBytes(
            H head, NDList inputs, java.util.function.BiConsumer<H, NDList> loss) {
        NDManager manager = inputs.head().getManager();
        head.initialize(
                manager,
                DataType.FLOAT32,
                inputs.stream().map(NDArray::getShape).toArray(Shape[]::new));
        try (Scope scope = new Scope(manager)) {
            NDList lent = new NDList();
            inputs.forEach(a -> lent.add(scope.lend(a)));
            loss.accept(head, lent);
            return scope.totalBytes();
        }
    }

    /** A measuring scope: counts the arrays created in it, not the input views it lends. */
    private static final class Scope implements AutoCloseable {

        private final NDManager manager;
        private final Map<NDArray, Boolean> lent = new IdentityHashMap<>();

        Scope(NDManager parent) {
            manager = parent.newSubManager();
        }

        /** A view of {@code x} owned by the scope, so that what is computed from it lands here. */
        NDArray lend(NDArray x) {
            NDArray view = x.stopGradient();
            view.attach(manager);
            lent.put(view, true);
            return view;
        }

        long totalBytes() {
            return arrays().stream().mapToLong(Scope::bytes).sum();
        }

        long largestBytes() {
            return arrays().stream().mapToLong(Scope::bytes).max().orElse(0);
        }

        private List<NDArray> arrays() {
            Map<NDArray, Boolean> seen = new IdentityHashMap<>(lent);
            List<NDArray> created = new ArrayList<>();
            for (NDArray array : manager.getManagedArrays()) {
                if (seen.put(array, true) == null) {
                    created.add(array);
                }
            }
            return created;
        }

        static long bytes(NDArray array) {
            return array.size() * array.getDataType().getNumOfBytes();
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
