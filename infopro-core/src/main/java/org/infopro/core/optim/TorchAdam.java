package org.infopro.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam and AdamW exactly as {@code torch.optim.Adam} / {@code AdamW} compute them (single-tensor
 * path, no AMSGrad): per parameter {@code t += 1}; Adam adds {@code wd·w} to the gradient, AdamW
 * multiplies {@code w} by {@code 1 - lr·wd}; {@code m = β1·m + (1-β1)·g}, {@code v = β2·v +
 * (1-β2)·g²}; {@code w -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + ε)}.
 *
 * <p>The state keys are PyTorch's: {@code NAME/exp_avg}, {@code NAME/exp_avg_sq}, {@code
 * NAME/step}. Step counts are per parameter, as in PyTorch, so that asynchronous modules sharing
 * one instance each count their own steps.
 */
public final class TorchAdam implements Optimizer {

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final boolean decoupled;
    // Synchronised: asynchronous modules update disjoint parameters from their own threads.
    private final Map<String, NDArray> state = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Long> steps = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * @param beta1 decay of the first moment (PyTorch's default 0.9)
     * @param beta2 decay of the second moment (0.999)
     * @param epsilon added to the denominator (1e-8)
     * @param weightDecay L2 penalty (Adam) or decoupled decay (AdamW)
     * @param decoupled AdamW's decoupled weight decay instead of Adam's L2 penalty
     */
    public TorchAdam(
            float beta1, float beta2, float epsilon, float weightDecay, boolean decoupled) {
        for (float beta : new float[] {beta1, beta2}) {
            if (!(beta >= 0 && beta < 1)) {
                throw new IllegalArgumentException("Adam's betas must be in [0, 1), got " + beta);
            }
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException(
                    "Adam needs ε > 0 and weight decay ≥ 0, got " + epsilon + ", " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    public void step(PairList<String, Parameter> parameters, float learningRate) {
        for (Pair<String, Parameter> entry : parameters) {
            if (entry.getValue().requiresGradient()) {
                update(entry.getKey(), entry.getValue().getArray(), learningRate);
            }
        }
    }

    private void update(String name, NDArray weight, float learningRate) {
        NDManager owner = weight.getManager();
        long t = steps.merge(name, 1L, Long::sum);
        NDArray m = moment(name + "/exp_avg", weight, owner);
        NDArray v = moment(name + "/exp_avg_sq", weight, owner);
        NDArray count = state.computeIfAbsent(name + "/step", n -> owner.create(new float[] {0}));
        try (NDManager scratch = owner.newSubManager()) {
            // Long-lived arrays are lent to the scratch scope so that every temporary dies with it.
            weight.tempAttach(scratch);
            m.tempAttach(scratch);
            v.tempAttach(scratch);
            count.tempAttach(scratch);
            NDArray gradient = weight.getGradient();
            gradient.attach(scratch);
            NDArray g = gradient;
            if (weightDecay != 0) {
                if (decoupled) {
                    weight.muli(1 - learningRate * weightDecay);
                } else {
                    g = gradient.add(weight.mul(weightDecay));
                }
            }
            m.muli(beta1).addi(g.mul(1 - beta1));
            v.muli(beta2).addi(g.square().muli(1 - beta2));
            double correction1 = 1 - Math.pow(beta1, t);
            double correction2 = Math.sqrt(1 - Math.pow(beta2, t));
            NDArray denominator = v.sqrt().divi((float) correction2).addi(epsilon);
            weight.subi(m.div(denominator).muli((float) (learningRate / correction1)));
            count.addi(1);
            gradient.subi(gradient);
        }
    }

    private NDArray moment(String key, NDArray weight, NDManager owner) {
        return state.computeIfAbsent(
                key,
                k -> {
                    NDArray zeros = weight.zerosLike();
                    zeros.attach(owner);
                    return zeros;
                });
    }

    @Override
    public Map<String, NDArray> state() {
        return state;
    }

    @Override
    public void restoreState(Map<String, NDArray> saved, NDManager owner) {
        for (String key : saved.keySet()) {
            if (!key.endsWith("/exp_avg")
                    && !key.endsWith("/exp_avg_sq")
                    && !key.endsWith("/step")) {
                throw new IllegalArgumentException(
                        "The saved optimizer state is not Adam's (it has " + key + ")");
            }
        }
        state.values().forEach(NDArray::close);
        state.clear();
        steps.clear();
        saved.forEach(
                (key, array) -> {
                    NDArray copy = array.duplicate();
                    copy.attach(owner);
                    state.put(key, copy);
                    if (key.endsWith("/step")) {
                        steps.put(
                                key.substring(0, key.length() - "/step".length()),
                                (long) array.getFloat());
                    }
                });
    }
}
