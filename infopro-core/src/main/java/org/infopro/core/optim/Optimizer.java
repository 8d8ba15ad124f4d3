package org.infopro.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * Updates parameters from their accumulated gradients, with PyTorch's semantics, and exposes its
 * state (momentum buffers, moments, step counts) so that checkpoints resume it exactly.
 *
 * <p>Built-in: {@link #sgd} ({@code torch.optim.SGD}), {@link #adam} ({@code torch.optim.Adam}) and
 * {@link #adamW} ({@code torch.optim.AdamW}); {@link PerModuleOptimizer} gives every local module
 * an optimizer of its own.
 */
public interface Optimizer {

    /**
     * Updates every parameter that requires a gradient, then zeroes its gradient (as {@code
     * optimizer.step(); optimizer.zero_grad()} would).
     *
     * @param parameters named parameters; the names key the optimizer's state
     * @param learningRate the step's learning rate (from the {@link LrSchedule})
     */
    void step(PairList<String, Parameter> parameters, float learningRate);

    /** The optimizer's state by key, as live arrays (do not close them); empty before a step. */
    Map<String, NDArray> state();

    /**
     * Replaces the state with a saved one (on resume); the arrays are copied into {@code owner}.
     *
     * @throws IllegalArgumentException if a key is not one this optimizer writes
     */
    void restoreState(Map<String, NDArray> saved, NDManager owner);

    /** SGD with momentum, Nesterov and L2 weight decay ({@code torch.optim.SGD}). */
    static Optimizer sgd(float momentum, boolean nesterov, float weightDecay) {
        return new TorchSgd(momentum, nesterov, weightDecay);
    }

    /** Adam with L2 weight decay added to the gradient ({@code torch.optim.Adam}). */
    static Optimizer adam(float beta1, float beta2, float epsilon, float weightDecay) {
        return new TorchAdam(beta1, beta2, epsilon, weightDecay, false);
    }

    /** Adam with decoupled weight decay ({@code torch.optim.AdamW}). */
    static Optimizer adamW(float beta1, float beta2, float epsilon, float weightDecay) {
        return new TorchAdam(beta1, beta2, epsilon, weightDecay, true);
    }
}
