package org.infopro.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class NativeArraysTest {

    /**
     * A gather index made inside a scope that closes before backward (as a module's scope does):
     * autograd still reads it, so its memory must outlive the Java handle, even after a GC.
     */
    @Test
    void ownedIndexSurvivesItsScopeUntilBackward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray features = manager.arange(400f).reshape(100, 4);
            features.setRequiresGradient(true);
            for (int round = 1; round <= 5; round++) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss;
                    try (NDManager scope = manager.newSubManager()) {
                        long[] rows = new long[50];
                        for (int i = 0; i < rows.length; i++) {
                            rows[i] = (7L * i + round) % 100;
                        }
                        features.tempAttach(scope);
                        loss = features.get(NativeArrays.owned(scope, rows)).sum();
                        loss.attach(manager);
                    }
                    System.gc();
                    try (NDManager junk = manager.newSubManager()) {
                        junk.create(new long[50]).add(1);
                    }
                    collector.backward(loss);
                }
                // Each round adds one to the gradient of 4 values in each of 50 rows.
                assertEquals(200f * round, features.getGradient().sum().getFloat(), 0);
            }
        }
    }
}
