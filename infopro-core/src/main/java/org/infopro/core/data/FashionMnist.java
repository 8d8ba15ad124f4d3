package org.infopro.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Fashion-MNIST (and MNIST) in IDX files as Debian's {@code dataset-fashion-mnist} installs them:
 * the real data here, and the source of every generated benchmark set.
 */
public final class FashionMnist {

    /** Where Debian's package puts the files. */
    public static final Path HOME = Paths.get("/usr/share/datasets/fashion-mnist");

    /** The one command that installs them. */
    public static final String INSTALL = "sudo apt-get install -y dataset-fashion-mnist";

    private FashionMnist() {}

    /**
     * Reads one split from IDX files, gzip-compressed or plain.
     *
     * @param split {@code train} or {@code test}
     * @throws IOException naming the folder or file that is missing or malformed
     */
    public static RawImages read(Path root, String split) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(
                    "Dataset folder "
                            + root
                            + " does not exist"
                            + (root.equals(HOME) ? " (install it with: " + INSTALL + ")" : ""));
        }
        String prefix = split.equals("train") ? "train" : "t10k";
        return IdxReader.read(
                existing(root, prefix + "-images-idx3-ubyte"),
                existing(root, prefix + "-labels-idx1-ubyte"),
                10);
    }

    /** The plain or {@code .gz} file of that name (the reader detects compression). */
    private static Path existing(Path root, String base) {
        Path gz = root.resolve(base + ".gz");
        return Files.exists(gz) ? gz : root.resolve(base);
    }
}
