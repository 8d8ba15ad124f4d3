package org.infopro.core.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar per epoch (steps, loss of each module, throughput) and one log line when
 * the epoch ends. Without a terminal it prints a line every 10% instead of redrawing.
 */
public final class ProgressBar implements TrainingListener {

    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean interactive;
    private int epoch;
    private int total;
    private long samples;
    private long nanos;
    private int lastDecile;

    public ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** A bar on standard error that redraws in place when a console is attached. */
    public static ProgressBar onConsole() {
        return new ProgressBar(System.err, System.console() != null);
    }

    @Override
    public void onEpochStart(TrainingContext context) {
        this.epoch = context.state().epoch;
        this.total = context.stepsPerEpoch();
        samples = 0;
        nanos = 0;
        lastDecile = context.state().stepInEpoch * 10 / Math.max(1, total);
    }

    @Override
    public void onStep(
            TrainingContext context, StepResult result, int stepInEpoch, long stepNanos) {
        samples += context.batchSize();
        nanos += stepNanos;
        int done = stepInEpoch + 1;
        int decile = done * 10 / Math.max(1, total);
        if (!interactive && decile == lastDecile && done != total) {
            return;
        }
        lastDecile = decile;
        int filled = WIDTH * done / Math.max(1, total);
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "epoch %d [", epoch + 1));
        line.append("=".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
        line.append(done).append('/').append(total).append(" loss");
        float[] losses = result.moduleLosses();
        for (int m = 0; m < losses.length; m++) {
            line.append(String.format(Locale.ROOT, " m%d=%.3f", m + 1, losses[m]));
        }
        line.append(String.format(Locale.ROOT, " | %.0f img/s", samples / (nanos / 1e9)));
        if (interactive) {
            out.print('\r' + line.toString());
            if (done == total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void onEpochEnd(TrainingContext context, TrainingState.EpochRecord record) {
        int epochs = context.epochs();
        StringBuilder line = new StringBuilder();
        line.append(
                String.format(
                        Locale.ROOT,
                        "epoch %d/%d done in %.1fs, loss",
                        record.epoch + 1,
                        epochs,
                        record.seconds));
        for (int m = 0; m < record.meanModuleLoss.length; m++) {
            line.append(String.format(Locale.ROOT, " m%d=%.4f", m + 1, record.meanModuleLoss[m]));
        }
        record.test.forEach(
                (k, v) -> line.append(String.format(Locale.ROOT, ", test %s=%.2f", k, v)));
        out.println(line);
        out.flush();
    }
}
