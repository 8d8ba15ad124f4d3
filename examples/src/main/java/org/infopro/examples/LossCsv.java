package org.infopro.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.infopro.core.io.AtomicFiles;
import org.infopro.core.train.StepResult;
import org.infopro.core.train.TrainingContext;
import org.infopro.core.train.TrainingListener;

// tag::listener[]
/** Every step's loss per module as CSV, rewritten atomically at each epoch end, to plot. */
public final class LossCsv implements TrainingListener {

    private final Path file;
    private final StringBuilder rows = new StringBuilder();

    public LossCsv(Path file) {
        this.file = file;
    }

    @Override
    public void onStep(TrainingContext context, StepResult result, int stepInEpoch, long nanos) {
        if (rows.isEmpty()) {
            rows.append("step,lr");
            for (int m = 1; m <= result.moduleLosses().length; m++) {
                rows.append(",loss_m").append(m);
            }
            rows.append('\n');
        }
        rows.append(result.step()).append(',').append(result.learningRate());
        for (float loss : result.moduleLosses()) {
            rows.append(String.format(Locale.ROOT, ",%.5f", loss));
        }
        rows.append('\n');
    }

    @Override
    public void onEpochEnd(
            TrainingContext context, org.infopro.core.train.TrainingState.EpochRecord record) {
        try {
            AtomicFiles.writeString(file, rows.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
// end::listener[]
