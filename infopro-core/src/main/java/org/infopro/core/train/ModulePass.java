package org.infopro.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.function.Consumer;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.objective.LossTerms;
import org.infopro.core.spi.TaskPlugin;

/**
 * One module's part of a training step, shared by the simultaneous and the asynchronous trainer:
 * its forward pass on a detached input and its loss in a scope of its own, then its backward pass
 * as soon as that scope is closed.
 *
 * <p>Closing the scope before backward is where the memory goes: autograd keeps what it saved and
 * frees it during backward, while every other activation handle of the module dies with the scope.
 */
final class ModulePass {

    /**
     * What a module hands on.
     *
     * @param losses its loss terms by name, with the total
     * @param output its detached output (null for the last module)
     * @param taps the detached outputs of tapped blocks so far, for the task head
     */
    record Result(Map<String, Float> losses, NDArray output, NDList taps) {}

    private ModulePass() {}

    /**
     * @param input the previous module's output (or the batch's input)
     * @param taps detached taps of earlier modules
     * @param parent the manager the module's scope is made in
     * @param keep owns what is handed on
     * @param backward back-propagates a scalar loss
     * @throws NonFiniteLossException when a loss term is NaN or infinite
     */
    static Result run(
            LocalNetwork network,
            TaskPlugin task,
            int m,
            NDArray input,
            NDList taps,
            TrainingBatch batch,
            long step,
            NDManager parent,
            NDManager keep,
            Consumer<NDArray> backward) {
        boolean last = m == network.k() - 1;
        ParameterStore parameters = new ParameterStore(parent, false);
        NDManager scope = parent.newSubManager();
        NDArray detached = input.stopGradient();
        detached.attach(scope);
        batch.lendTo(scope);
        NDList out = network.module(m).forward(parameters, new NDList(detached), true);
        NDArray features = out.head();
        NDList handedTaps = new NDList(taps);
        LossTerms loss;
        if (!last) {
            loss = network.localHead(m).loss(parameters, features, batch);
            for (NDArray tap : out.subNDList(1)) {
                handedTaps.add(keepDetached(tap, keep));
            }
        } else {
            // Lent like the batch, so what the head derives from earlier modules' taps (an FPN's
            // lateral maps) dies with this module's scope, not later.
            taps.forEach(tap -> tap.tempAttach(scope));
            NDList headTaps = new NDList(taps).addAll(out.subNDList(1));
            NDList head = LocalNetwork.headInput(headTaps, features);
            loss = task.trainingLoss(network.taskHead(), parameters, head, batch);
        }
        Map<String, Float> losses = LocalTrainer.checkFinite(loss, step, m);
        NDArray output = last ? null : keepDetached(features, keep);
        // The loss (and the seed gradient backward creates beside it) outlive the scope by as
        // little as possible.
        try (NDManager backwardScope = parent.newSubManager()) {
            loss.total().attach(backwardScope);
            scope.close();
            backward.accept(loss.total());
        }
        return new Result(losses, output, handedTaps);
    }

    private static NDArray keepDetached(NDArray array, NDManager keep) {
        NDArray copy = array.stopGradient();
        copy.attach(keep);
        return copy;
    }
}
