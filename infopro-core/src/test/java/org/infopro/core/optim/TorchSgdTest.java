package org.infopro.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;

/**
 * TorchSgd against torch.optim.SGD's update rule written out in float64; steps leave no temporaries
 * behind in the parameters' manager.
 */
class TorchSgdTest {

    private static final float[] LRS = {0.1f, 0.05f, 0.01f};

    @Test
    void nesterovMatchesPyTorchUnderDecayingLr() {
        assertEquals(pytorch(true), run(true), 1e-6);
    }

    @Test
    void momentumMatchesPyTorchUnderDecayingLr() {
        assertEquals(pytorch(false), run(false), 1e-6);
    }

    /** Minimises w²/2 (gradient w) from w = 1 with m = 0.9, wd = 0.1. */
    private static double run(boolean nesterov) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f});
            Parameter p =
                    Parameter.builder()
                            .setName("w")
                            .setType(Parameter.Type.WEIGHT)
                            .optArray(w)
                            .build();
            p.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32);
            PairList<String, Parameter> params = new PairList<>();
            params.add("w", p);
            TorchSgd sgd = new TorchSgd(0.9f, nesterov, 0.1f);
            for (int t = 0; t < LRS.length; t++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.square().div(2).sum());
                }
                int before = manager.getManagedArrays().size();
                sgd.step(params, LRS[t]);
                // Only the first step may keep an array (the momentum buffer) beside the weight.
                assertEquals(
                        before + (t == 0 ? 1 : 0),
                        manager.getManagedArrays().size(),
                        "arrays left by step " + t);
            }
            return w.getFloat();
        }
    }

    private static double pytorch(boolean nesterov) {
        double w = 1;
        double buffer = 0;
        for (int t = 0; t < LRS.length; t++) {
            double d = w + 0.1 * w;
            buffer = t == 0 ? d : 0.9 * buffer + d;
            double step = nesterov ? d + 0.9 * buffer : buffer;
            w -= LRS[t] * step;
        }
        return w;
    }
}
