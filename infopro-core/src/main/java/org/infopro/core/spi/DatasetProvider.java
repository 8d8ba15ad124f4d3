package org.infopro.core.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.infopro.core.config.PixelSize;
import org.infopro.core.config.RunConfig;
import org.infopro.core.data.LabeledData;

/**
 * Named dataset readers for real on-disk formats.
 *
 * <p>Implementations are listed in {@code META-INF/services/org.infopro.core.spi.DatasetProvider}.
 */
public interface DatasetProvider {

    /** The dataset names this provider reads, e.g. {@code fashion-mnist}, {@code cifar10}. */
    Set<String> names();

    /** Where the dataset lives when the user gives no folder, if there is a standard place. */
    default Optional<Path> defaultRoot(String name) {
        return Optional.empty();
    }

    /**
     * Opens one split.
     *
     * @param name one of {@link #names()}
     * @param root the dataset folder
     * @param split {@code train} or {@code test}
     * @param limit at most this many samples (the first ones), or 0 for all
     * @throws IOException when a file is missing or malformed; the message names the file
     */
    LabeledData open(String name, Path root, String split, int limit) throws IOException;

    /**
     * Opens one split with training crops of {@code crop} (dense tasks, like mmsegmentation's
     * {@code crop_size}); null keeps the dataset's standard crop. Datasets of fixed-size samples
     * ignore it.
     */
    default LabeledData open(String name, Path root, String split, int limit, PixelSize crop)
            throws IOException {
        return open(name, root, split, limit);
    }

    /**
     * Opens one split for a run whose settings shape the samples (a video's frames per clip and
     * test clips, a dense task's crop); by default only the crop is used.
     */
    default LabeledData open(String name, Path root, String split, int limit, RunConfig run)
            throws IOException {
        return open(name, root, split, limit, run.crop());
    }
}
