package org.infopro.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import org.infopro.core.nn.Scalars;
import org.junit.jupiter.api.Test;

/** TorchAdam against torch.optim.Adam's update rule written out in float64. */
class TorchAdamTest {

    @Test
    void matchesPyTorchOverSeveralSteps() {
        // Minimise w⁴/4 (gradient w³) from w = 2, lr 0.1: bias correction matters early.
        double expected = 2;
        double m = 0;
        double v = 0;
        for (int t = 1; t <= 5; t++) {
            double g = expected * expected * expected;
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double mHat = m / (1 - Math.pow(0.9, t));
            double vHat = v / (1 - Math.pow(0.999, t));
            expected -= 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {2f});
            Parameter p =
                    Parameter.builder()
                            .setName("w")
                            .setType(Parameter.Type.WEIGHT)
                            .optArray(w)
                            .build();
            p.initialize(manager, DataType.FLOAT32);
            PairList<String, Parameter> params = new PairList<>();
            params.add("w", p);
            TorchAdam adam = new TorchAdam(0.1f);
            for (int t = 0; t < 5; t++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(Scalars.div(w.square().square(), 4).sum());
                }
                adam.step(params);
            }
            assertEquals(expected, w.getFloat(), 1e-5);
        }
    }
}
