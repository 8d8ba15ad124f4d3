package org.infopro.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam as PyTorch's {@code torch.optim.Adam} without weight decay: moments m, v with bias
 * correction, {@code w -= lr · m̂ / (sqrt(v̂) + ε)}. Used to train the information probes (App. B:
 * lr 1e-3, betas 0.9/0.999, ε 1e-8).
 */
public final class TorchAdam {

    private final float learningRate;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float epsilon = 1e-8f;
    private final Map<String, NDArray[]> moments = new HashMap<>();
    private int steps;

    public TorchAdam(float learningRate) {
        this.learningRate = learningRate;
    }

    /** Updates every trainable parameter from its gradient, then zeroes the gradient. */
    public void step(PairList<String, Parameter> parameters) {
        step(parameters, learningRate);
    }

    /** {@link #step(PairList)} at a scheduled learning rate instead of the fixed one. */
    public void step(PairList<String, Parameter> parameters, float learningRate) {
        steps++;
        float correction1 = 1 - (float) Math.pow(beta1, steps);
        float correction2 = 1 - (float) Math.pow(beta2, steps);
        for (Pair<String, Parameter> entry : parameters) {
            if (entry.getValue().requiresGradient()) {
                update(
                        entry.getKey(),
                        entry.getValue().getArray(),
                        learningRate,
                        correction1,
                        correction2);
            }
        }
    }

    private void update(
            String name, NDArray weight, float learningRate, float correction1, float correction2) {
        NDManager owner = weight.getManager();
        try (NDManager scratch = owner.newSubManager()) {
            weight.tempAttach(scratch);
            NDArray gradient = weight.getGradient();
            gradient.attach(scratch);
            NDArray[] mv =
                    moments.computeIfAbsent(
                            name,
                            n -> {
                                NDArray[] zeros = {weight.zerosLike(), weight.zerosLike()};
                                zeros[0].attach(owner);
                                zeros[1].attach(owner);
                                return zeros;
                            });
            mv[0].tempAttach(scratch);
            mv[1].tempAttach(scratch);
            mv[0].muli(beta1).addi(gradient.mul(1 - beta1));
            mv[1].muli(beta2).addi(gradient.square().muli(1 - beta2));
            NDArray denominator = mv[1].div(correction2).sqrt().addi(epsilon);
            weight.subi(mv[0].div(correction1).divi(denominator).muli(learningRate));
            gradient.subi(gradient);
        }
    }
}
