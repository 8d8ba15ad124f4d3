package org.infopro.core.objective;

/** End-to-end training: one module, the task loss only, no local heads. */
public final class EndToEndObjective implements LocalObjective {

    /** Registry name. */
    public static final String NAME = "e2e";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isEndToEnd() {
        return true;
    }

    @Override
    public LocalHead newHead(HeadContext context) {
        throw new IllegalStateException("End-to-end training has no local modules (K must be 1)");
    }
}
