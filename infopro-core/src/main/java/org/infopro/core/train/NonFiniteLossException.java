package org.infopro.core.train;

/** A loss became NaN or infinite; names the step, the module and the loss term. */
public final class NonFiniteLossException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NonFiniteLossException(long step, int module, String term, float value) {
        super(
                "Loss '"
                        + term
                        + "' of module "
                        + module
                        + " is "
                        + value
                        + " at step "
                        + step
                        + "; training stopped (lower the learning rate or check the input)");
    }
}
