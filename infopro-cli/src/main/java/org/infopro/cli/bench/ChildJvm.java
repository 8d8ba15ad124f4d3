package org.infopro.cli.bench;

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
    public static final String MAIN = "org.infopro.cli.InfoProCli";

    /** System property naming the parent's pid: a child whose parent dies exits too. */
    public static final String PARENT_PID = "infopro.parent.pid";

    /** Children still running, destroyed when this JVM shuts down (Ctrl-C, SIGTERM). */
    private static final java.util.Set<Process> RUNNING =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> RUNNING.forEach(Process::destroyForcibly),
                                "infopro-child-reaper"));
    }

    private ChildJvm() {}

    /**
     * In a child, exits as soon as the parent named by {@value #PARENT_PID} is gone: a parent
     * killed with SIGKILL runs no shutdown hook, and its children must not train on as orphans.
     */
    public static void exitWithParent() {
        String pid = System.getProperty(PARENT_PID);
        if (pid == null) {
            return;
        }
        java.util.Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid));
        if (parent.isEmpty()) {
            Runtime.getRuntime().halt(143);
        }
        parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(143));
    }

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
        command.add("-D" + PARENT_PID + "=" + ProcessHandle.current().pid());
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
        Process process = builder.start();
        RUNNING.add(process);
        try {
            return process.waitFor();
        } finally {
            RUNNING.remove(process);
            process.destroyForcibly();
        }
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
