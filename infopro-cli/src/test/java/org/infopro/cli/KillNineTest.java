package org.infopro.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.infopro.classification.Synthetic;
import org.infopro.cli.bench.BenchRunner;
import org.infopro.core.io.Json;
import org.infopro.core.train.Checkpoint;
import org.infopro.core.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of real processes: of a training run while it writes a checkpoint after every
 * step, and of a bench run while a case trains in a child JVM. Nothing finished is lost, a re-run
 * completes, and the resumed training ends exactly where an uninterrupted one does.
 */
class KillNineTest {

    @TempDir Path dir;

    private String[] train(Path data, Path out, String... extra) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "train",
                                "--backbone",
                                "resnet8-tiny",
                                "--data",
                                data.toString(),
                                "--method",
                                "infopro-softmax",
                                "--split",
                                "even",
                                "--batch",
                                "16",
                                "--epochs",
                                "2",
                                "--eval-batch",
                                "100",
                                "--checkpoint-every",
                                "1",
                                "--out",
                                out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void trainingKilledDuringCheckpointWritesResumesToTheUninterruptedResult() throws Exception {
        Path data = Synthetic.writeIdxDataset(dir.resolve("data"), 960, 100);
        Path reference = dir.resolve("reference");
        assertEquals(0, runToEnd(train(data, reference)), log(reference));

        Path killed = dir.resolve("killed");
        Path checkpoint = killed.resolve("checkpoint.ckpt");
        long[] delays = {300, 900, 600};
        Process process =
                ChildProcesses.start(
                        InfoProCli.class, dir.resolve("first.log"), train(data, killed));
        for (int kill = 0; kill < delays.length; kill++) {
            waitFor(checkpoint, process);
            Thread.sleep(delays[kill]);
            process.destroyForcibly().waitFor();
            // Every kill leaves an intact checkpoint (the new one, or the one before it).
            Checkpoint.readHeader(Checkpoint.intact(checkpoint, System.err));
            process =
                    ChildProcesses.start(
                            InfoProCli.class,
                            dir.resolve("resume" + kill + ".log"),
                            "train",
                            "--out",
                            killed.toString(),
                            "--resume");
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("resume2.log")));

        TrainingState expected = history(reference);
        TrainingState resumed = history(killed);
        assertEquals(expected.globalStep, resumed.globalStep);
        for (int e = 0; e < expected.history.size(); e++) {
            assertArrayEquals(
                    expected.history.get(e).meanModuleLoss,
                    resumed.history.get(e).meanModuleLoss,
                    0f,
                    "epoch " + e);
            assertEquals(expected.history.get(e).test, resumed.history.get(e).test);
        }
    }

    @Test
    void killingABenchRunKillsItsCaseProcessAndARerunCompletes() throws Exception {
        Path data = dir.resolve("data");
        Path out = dir.resolve("bench");
        Process bench =
                ChildProcesses.start(
                        TinySuites.class,
                        dir.resolve("bench.log"),
                        data.toString(),
                        out.toString(),
                        "50");
        ProcessHandle caseProcess = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (caseProcess == null && System.nanoTime() < deadline) {
            caseProcess = bench.toHandle().children().findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertTrue(
                caseProcess != null,
                "a case started: " + Files.readString(dir.resolve("bench.log")));
        Thread.sleep(3000);
        bench.destroyForcibly().waitFor();
        ProcessHandle orphan = caseProcess;
        assertTrue(
                orphan.onExit().get(30, TimeUnit.SECONDS) != null && !orphan.isAlive(),
                "the case process died with its parent");

        List<Map<String, Object>> records =
                new BenchRunner(out, System.err).run(TinySuites.twoCases(data, 2));
        assertEquals(2, records.size());
        records.forEach(r -> assertTrue(!r.containsKey("error"), r.toString()));
    }

    private int runToEnd(String[] args) throws Exception {
        Process p = ChildProcesses.start(InfoProCli.class, dir.resolve("reference.log"), args);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        return p.exitValue();
    }

    private String log(Path run) throws Exception {
        return Files.readString(dir.resolve(run.getFileName() + ".log"));
    }

    private static TrainingState history(Path run) throws Exception {
        return Json.GSON.fromJson(
                Files.readString(run.resolve("history.json")), TrainingState.class);
    }

    private static void waitFor(Path file, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(file) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(file), "a checkpoint appeared");
    }
}
