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
        double[] rates = {0.1, 0.1, 0.1, 0.1, 0.1};
        assertEquals(pytorchAdam(rates), minimise(new TorchAdam(0.1f), null), 1e-5);
    }

    @Test
    void scheduledRatesReplaceTheFixedOneStepByStep() {
        // As a scheduler changing param_group["lr"] between steps: moments still advance at lr 0.
        double[] rates = {0.1, 0.05, 0, 0.2, 0.01};
        assertEquals(pytorchAdam(rates), minimise(new TorchAdam(0.7f), rates), 1e-5);
    }

    /** Minimises w⁴/4 (gradient w³) from w = 2: bias correction matters early. */
    private static double pytorchAdam(double[] rates) {
        double w = 2;
        double m = 0;
        double v = 0;
        for (int t = 1; t <= rates.length; t++) {
            double g = w * w * w;
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double mHat = m / (1 - Math.pow(0.9, t));
            double vHat = v / (1 - Math.pow(0.999, t));
            w -= rates[t - 1] * mHat / (Math.sqrt(vHat) + 1e-8);
        }
        return w;
    }

    /** Five steps of {@code adam}, at its own rate when {@code rates} is null. */
    private static float minimise(TorchAdam adam, double[] rates) {
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
            for (int t = 0; t < 5; t++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(Scalars.div(w.square().square(), 4).sum());
                }
                if (rates == null) {
                    adam.step(params);
                } else {
                    adam.step(params, (float) rates[t]);
                }
            }
            return w.getFloat();
        }
    }
}
