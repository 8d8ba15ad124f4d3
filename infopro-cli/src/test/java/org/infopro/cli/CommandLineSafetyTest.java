package org.infopro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.infopro.classification.Synthetic;
import org.infopro.core.config.RunConfig;
import org.infopro.core.io.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code infopro train/eval/bench} refuse, and that they refuse it before any work. */
class CommandLineSafetyTest {

    @TempDir Path dir;
    private Path data;

    /** Exit status and error output of one command. */
    private record Result(int status, String err) {}

    @BeforeEach
    void data() throws Exception {
        data = Synthetic.writeIdxDataset(dir.resolve("data"), 64, 40);
    }

    private Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = InfoProCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int status = cli.execute(args);
        return new Result(status, err.toString());
    }

    /** A tiny training run's options, then {@code extra}. */
    private String[] train(Path out, String... extra) {
        List<String> args =
                new ArrayList<>(
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
                                "32",
                                "--eval-batch",
                                "40",
                                "--out",
                                out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void trainRefusesToOverwriteARunUnlessAsked() throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, run(train(out)).status());
        byte[] first = Files.readAllBytes(out.resolve("checkpoint.ckpt"));
        Result again = run(train(out));
        assertEquals(1, again.status());
        assertTrue(again.err().contains("already holds a run"), again.err());
        assertTrue(again.err().contains("--resume") && again.err().contains("--overwrite"));
        assertTrue(
                java.util.Arrays.equals(first, Files.readAllBytes(out.resolve("checkpoint.ckpt"))));
        assertEquals(0, run(train(out, "--overwrite")).status());
    }

    @Test
    void resumeTakesTheOptionsThatCanChangeAndRefusesTheOthers() throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, run(train(out)).status());
        Result changed = run("train", "--out", out.toString(), "--resume", "--lr", "0.5");
        assertEquals(1, changed.status());
        assertTrue(changed.err().contains("--lr cannot change on resume"), changed.err());
        Result longer =
                run(
                        "train",
                        "--out",
                        out.toString(),
                        "--resume",
                        "--epochs",
                        "2",
                        "--data",
                        data.toString(),
                        "--device",
                        "cpu");
        assertEquals(0, longer.status(), longer.err());
        assertTrue(Files.readString(out.resolve("history.json")).contains("\"epoch\": 1"));
        // The resolved configuration, with what the resume changed.
        RunConfig saved =
                Json.GSON.fromJson(Files.readString(out.resolve("config.json")), RunConfig.class);
        assertEquals(2, saved.epochs());
        assertEquals("resnet8-tiny", saved.backbone());
    }

    @Test
    void resumeTakesItsWeightsFromTheCheckpointAndNeedsNoPretrainedFile() throws Exception {
        Path first = dir.resolve("first");
        assertEquals(0, run(withBackbone("resnet18", train(first))).status());
        Path weights = dir.resolve("resnet18.safetensors");
        Result export =
                run("export", first.resolve("checkpoint.ckpt").toString(), "--torch", "" + weights);
        assertEquals(0, export.status(), export.err());
        Path second = dir.resolve("second");
        Result pretrained =
                run(withBackbone("resnet18", train(second, "--pretrained", weights.toString())));
        assertEquals(0, pretrained.status(), pretrained.err());
        RunConfig saved =
                Json.GSON.fromJson(
                        Files.readString(second.resolve("config.json")), RunConfig.class);
        assertEquals(weights.toString(), saved.pretrained());
        Files.delete(weights);
        Result resumed =
                run(
                        "train",
                        "--out",
                        second.toString(),
                        "--resume",
                        "--epochs",
                        "2",
                        "--data",
                        data.toString());
        assertEquals(0, resumed.status(), resumed.err());
    }

    @Test
    void anInferenceModelWritesTheSamePyTorchFileAsItsCheckpoint() throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, run(withBackbone("resnet18", train(run))).status());
        String checkpoint = run.resolve("checkpoint.ckpt").toString();
        Path model = dir.resolve("resnet18.model");
        assertEquals(0, run("export", checkpoint, "--model", model.toString()).status());
        Path fromCheckpoint = dir.resolve("from-checkpoint.pth");
        Path fromModel = dir.resolve("from-model.pth");
        Path withClassifier = dir.resolve("with-classifier.pth");
        assertEquals(0, run("export", checkpoint, "--torch", "" + fromCheckpoint).status());
        Result export = run("export", model.toString(), "--torch", "" + fromModel);
        assertEquals(0, export.status(), export.err());
        assertTrue(
                java.util.Arrays.equals(
                        Files.readAllBytes(fromCheckpoint), Files.readAllBytes(fromModel)));
        String[] all = {"export", "" + model, "--torch", "" + withClassifier, "--parts", "all"};
        assertEquals(0, run(all).status());
        assertTrue(Files.size(withClassifier) > Files.size(fromModel), "fc is written too");
    }

    private static String[] withBackbone(String backbone, String[] args) {
        List<String> list = new ArrayList<>(List.of(args));
        list.set(list.indexOf("--backbone") + 1, backbone);
        return list.toArray(String[]::new);
    }

    @Test
    void anUnwritableOutIsRefusedBeforeTrainingWithTheCause() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Result r = run(train(file.resolve("run")));
        assertEquals(1, r.status());
        assertTrue(
                r.err().contains("--out " + file.resolve("run") + " is not writable ("), r.err());
        r = run(train(file));
        assertTrue(r.err().contains("is a file, not a folder"), r.err());
    }

    @Test
    void badOptionsAreRefusedNamingThem() {
        Path out = dir.resolve("never");
        String[][] cases = {
            {"--eval-batch", "-1", "--eval-batch must be ≥ 0"},
            {"--segments", "4", "--segments is an option of task video, not of classification"},
            {"--k", "0", "--k must be ≥ 1"},
            {"--k", "99", "--k 99: backbone resnet8-tiny has 4 blocks"},
            {"--lr", "NaN", "--lr must be a finite number"},
            {"--lambdas", "1,-2", "--lambdas: every λ must be"},
            {"--async", "-1", "--async must be ≥ 0"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(train(out)));
            // The last occurrence of an option wins in picocli only for some types: drop defaults.
            int i = args.indexOf(c[0]);
            if (i >= 0) {
                args.remove(i + 1);
                args.remove(i);
            }
            args.addAll(List.of(c[0], c[1]));
            Result r = run(args.toArray(String[]::new));
            assertEquals(1, r.status(), String.join(" ", c));
            assertTrue(r.err().contains(c[2]), c[2] + " in: " + r.err());
        }
        assertFalse(Files.exists(out.resolve("checkpoint.ckpt")));
    }

    @Test
    void anEmptyTrainingSetIsRefusedNamingTheDataset() throws Exception {
        data = Synthetic.writeIdxDataset(dir.resolve("empty"), 0, 40);
        Result r = run(train(dir.resolve("run")));
        assertEquals(1, r.status());
        assertTrue(
                r.err()
                        .contains(
                                "dataset fashion-mnist in "
                                        + data
                                        + ": the training split is empty"),
                r.err());
    }

    @Test
    void helpPrintsAndSucceeds() {
        for (String command : List.of("train", "eval", "bench")) {
            assertEquals(0, run(command, "--help").status(), command);
        }
    }

    @Test
    void benchRefusesMethodsAndKsItsSuiteDoesNotRun() {
        Path out = dir.resolve("bench");
        Result r =
                run(
                        "bench",
                        "classification",
                        "--suite",
                        "quick",
                        "--methods",
                        "e2f",
                        "--out",
                        out.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("--methods: suite 'quick' has no method 'e2f'"), r.err());
        r = run("bench", "classification", "--suite", "quick", "--k", "3", "--out", out.toString());
        assertEquals(1, r.status());
        assertTrue(
                r.err().contains("--k: suite 'quick' has no K=3; it runs K in [1, 2, 4]"), r.err());
        assertFalse(Files.exists(out.resolve("results.json")));
    }

    @Test
    void evalOfADamagedCheckpointNamesTheFile() throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, run(train(out)).status());
        Path checkpoint = out.resolve("checkpoint.ckpt");
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= 1;
        Files.write(checkpoint, bytes);
        Result r = run("eval", checkpoint.toString(), "--data", data.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(checkpoint + ": checkpoint is damaged"), r.err());
    }

    @Test
    void unexpectedFailuresNameTheirTypeAndTheDebugSwitch() {
        String line = InfoProCli.errorMessageOf(new NullPointerException());
        assertEquals(
                "error: java.lang.NullPointerException (unexpected; run with INFOPRO_DEBUG=1 for"
                        + " the stack trace)",
                line);
    }
}
