package org.infopro.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a script of {@code tools/pytorch-reference} with Debian's PyTorch and torchvision ({@code
 * python3-torch}, {@code python3-torchvision}, which {@code .ci/run} installs). Where they are
 * missing the calling test is skipped, saying so.
 */
public final class PyTorch {

    private static final String PYTHON = "/usr/bin/python3";

    private PyTorch() {}

    /**
     * Runs {@code script} with {@code args}; fails with its output when it fails.
     *
     * @return what it printed
     */
    public static String run(String script, List<String> args)
            throws IOException, InterruptedException {
        Assumptions.assumeTrue(
                available(), "PyTorch and torchvision for " + PYTHON + " are not installed");
        List<String> command = new ArrayList<>(List.of(PYTHON, script(script).toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(script + " failed:\n" + output);
        }
        return output;
    }

    private static boolean available() throws InterruptedException {
        try {
            Process probe =
                    new ProcessBuilder(PYTHON, "-c", "import torch, torchvision")
                            .redirectErrorStream(true)
                            .start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(2, TimeUnit.MINUTES) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The script, found from the module's folder up to the repository's root. */
    private static Path script(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/pytorch-reference").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("tools/pytorch-reference/" + name + " not found");
    }
}
