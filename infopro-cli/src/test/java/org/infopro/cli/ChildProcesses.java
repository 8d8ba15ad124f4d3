package org.infopro.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of this test class path in a JVM of its own, as DJL processes must run. */
public final class ChildProcesses {

    private ChildProcesses() {}

    /** Starts {@code mainClass} with {@code args}; its output goes to {@code log}. */
    public static Process start(Class<?> mainClass, Path log, String... args) throws IOException {
        return start(List.of(), mainClass, log, args);
    }

    /** The same, with extra JVM options such as {@code -Dname=value}. */
    public static Process start(
            List<String> jvmOptions, Class<?> mainClass, Path log, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dai.djl.offline=true");
        command.add("-Djava.awt.headless=true");
        command.add("-Xmx2g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }
}
