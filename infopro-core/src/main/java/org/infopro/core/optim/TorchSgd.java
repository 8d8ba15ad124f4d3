package org.infopro.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGD with momentum, Nesterov and weight decay exactly as {@code torch.optim.SGD} computes it:
 * {@code d = g + wd·w; b = m·b + d (b = d at the first step); d = nesterov ? d + m·b : b; w -=
 * lr·d}.
 *
 * <p>DJL's SGD folds the learning rate into the momentum buffer and has no Nesterov on the PyTorch
 * engine, which drifts from PyTorch under a decaying schedule; this class keeps PyTorch's semantics
 * and exposes its buffers for checkpoints.
 */
public final class TorchSgd implements Optimizer {

    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    // Synchronised: asynchronous modules update disjoint parameters from their own threads.
    private final Map<String, NDArray> buffers =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * @param momentum momentum factor (0 disables buffers)
     * @param nesterov whether to use Nesterov momentum
     * @param weightDecay L2 penalty added to every gradient
     */
    public TorchSgd(float momentum, boolean nesterov, float weightDecay) {
        if (nesterov && momentum <= 0) {
            throw new IllegalArgumentException("Nesterov momentum requires momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    @Override
    public void step(PairList<String, Parameter> parameters, float learningRate) {
        for (Pair<String, Parameter> entry : parameters) {
            Parameter parameter = entry.getValue();
            if (parameter.requiresGradient()) {
                update(entry.getKey(), parameter.getArray(), learningRate);
            }
        }
    }

    private void update(String name, NDArray weight, float learningRate) {
        NDManager owner = weight.getManager();
        try (NDManager scratch = owner.newSubManager()) {
            // DJL puts an op's result in its first operand's manager: lend the long-lived weight
            // and buffer to the scratch scope so that every temporary dies with it.
            weight.tempAttach(scratch);
            NDArray gradient = weight.getGradient();
            gradient.attach(scratch);
            NDArray direction = gradient.add(weight.mul(weightDecay));
            if (momentum > 0) {
                NDArray buffer = buffers.get(name);
                if (buffer == null) {
                    buffer = direction.duplicate();
                    buffer.attach(owner);
                    buffers.put(name, buffer);
                } else {
                    buffer.muli(momentum).addi(direction);
                }
                buffer.tempAttach(scratch);
                direction = nesterov ? direction.add(buffer.mul(momentum)) : buffer;
            }
            weight.subi(direction.mul(learningRate));
            gradient.subi(gradient); // zero .grad in place, as PyTorch's zero_grad would
        }
    }

    /** The momentum buffers by parameter name. */
    @Override
    public Map<String, NDArray> state() {
        return buffers;
    }

    @Override
    public void restoreState(Map<String, NDArray> saved, NDManager owner) {
        if (momentum == 0 && !saved.isEmpty()) {
            throw new IllegalArgumentException(
                    "SGD without momentum keeps no state, but the saved state has "
                            + saved.keySet().iterator().next());
        }
        saved.keySet().stream()
                .filter(key -> key.contains("/"))
                .findFirst()
                .ifPresent(
                        key -> {
                            throw new IllegalArgumentException(
                                    "The saved optimizer state is not SGD's (it has " + key + ")");
                        });
        buffers.values().forEach(NDArray::close);
        buffers.clear();
        saved.forEach(
                (name, array) -> {
                    NDArray copy = array.duplicate();
                    copy.attach(owner);
                    buffers.put(name, copy);
                });
    }
}
