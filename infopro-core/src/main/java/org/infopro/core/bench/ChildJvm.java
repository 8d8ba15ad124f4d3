package org.infopro.core.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts the command line in a fresh JVM on this one's class path, with the settings every DJL
 * process here needs (offline, no tracking, passive OpenMP waiting).
 */
public final class ChildJvm {

    /** Main class of the child JVMs. */
    public static final String MAIN = "org.infopro.core.cli.InfoProCli";

    private ChildJvm() {}

    /**
     * Runs {@code args} in a child JVM and waits for it.
     *
     * @param parallel how many such children run at once: each then gets an equal share of the
     *     cores, since libtorch's default of one thread per core would oversubscribe them
     * @param log file for the child's output, or null to share this process's console
     * @param env extra environment variables
     * @return the exit status
     */
    public static int run(List<String> args, int parallel, Path log, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.add("-Djava.awt.headless=true");
        command.add("-Xmx" + System.getProperty("infopro.child.xmx", "3g"));
        if (parallel > 1) {
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
            command.add("-Dai.djl.pytorch.num_threads=" + threads);
            command.add("-Dai.djl.pytorch.num_interop_threads=1");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (log != null) {
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        } else {
            builder.inheritIO();
        }
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().putAll(env);
        return builder.start().waitFor();
    }

    /** Runs the tasks {@code parallel} at a time; the first failure is rethrown. */
    public static void runAll(List<Callable<Void>> cases, int parallel)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            for (Future<Void> f : pool.invokeAll(cases)) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
