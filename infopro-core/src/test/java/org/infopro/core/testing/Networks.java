package org.infopro.core.testing;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;

/** Helpers for tests that compare two instances of one architecture. */
public final class Networks {

    private Networks() {}

    /** Copies every parameter value (in order) from one block into an identically built one. */
    public static void copyParameters(Block from, Block to) {
        List<Parameter> source = from.getParameters().values();
        List<Parameter> target = to.getParameters().values();
        for (int i = 0; i < source.size(); i++) {
            target.get(i).getArray().set(source.get(i).getArray().toFloatArray());
        }
    }
}
