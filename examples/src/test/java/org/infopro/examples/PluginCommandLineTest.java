package org.infopro.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.infopro.classification.Synthetic;
import org.infopro.cli.InfoProCli;
import org.infopro.core.inference.InferenceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A backbone from a user's jar (here: this module's classes with their service file, as {@code
 * infopro --plugins DIR} puts them on the class path) is listed, trained and evaluated by the
 * command line.
 */
class PluginCommandLineTest {

    private record Result(int status, String out, String err) {}

    @Test
    void aPluginBackboneIsListedTrainedAndEvaluated(@TempDir Path dir) throws Exception {
        Result list = run("list");
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().contains("small-vgg"), list.out());

        Path data = Synthetic.writeIdxDataset(dir.resolve("data"), 96, 40);
        Path out = dir.resolve("run");
        Result train =
                run(
                        "train",
                        "--backbone",
                        "small-vgg",
                        "--data",
                        data.toString(),
                        "--method",
                        "infopro-softmax",
                        "--k",
                        "2",
                        "--batch",
                        "32",
                        "--optimizer",
                        "adamw",
                        "--lr",
                        "0.001",
                        "--out",
                        out.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.err().contains("even (no published table) [2, 2]"), train.err());
        assertTrue(train.out().contains("final test"), train.out());

        Result eval = run("eval", out.resolve("checkpoint.ckpt").toString());
        assertEquals(0, eval.status(), eval.err());
        assertTrue(eval.out().contains("top1"), eval.out());

        Path model = dir.resolve("model.infopro");
        Result export =
                run(
                        "export",
                        out.resolve("checkpoint.ckpt").toString(),
                        "--model",
                        model.toString());
        assertEquals(0, export.status(), export.err());
        Result again =
                run(
                        "export",
                        out.resolve("checkpoint.ckpt").toString(),
                        "--model",
                        model.toString());
        assertEquals(1, again.status());
        assertTrue(
                again.err().contains("--model " + model + " exists; pass --overwrite"),
                again.err());
        try (InferenceModel loaded = InferenceModel.load(model)) {
            assertEquals("small-vgg", loaded.header().backbone());
        }
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = System.out;
        PrintStream consoleErr = System.err;
        ByteArrayOutputStream errStream = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(errStream, true));
        try {
            CommandLine cli = InfoProCli.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int status = cli.execute(args);
            return new Result(status, out.toString(), err + errStream.toString());
        } finally {
            System.setOut(console);
            System.setErr(consoleErr);
        }
    }
}
