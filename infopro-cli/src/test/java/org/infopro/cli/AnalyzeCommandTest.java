package org.infopro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infopro.cli.analysis.InformationProbes;
import org.infopro.cli.analysis.ProbeReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How {@code infopro analyze}'s options become the probes' budget. */
class AnalyzeCommandTest {

    @Test
    void probesFollowTheOptionsAndTheClassifierRecipeTheFlag() {
        InformationProbes.Settings paper = settings("--out", "o", "--probe-train", "300");
        assertTrue(paper.paperClassifierRecipe());
        assertEquals(300, paper.trainSamples());
        assertEquals(10, paper.decoderEpochs());
        assertFalse(settings("--out", "o", "--probe-adam").paperClassifierRecipe());
    }

    @Test
    void fastProbesLearnFromAsManySamplesAsTheNetworks() {
        InformationProbes.Settings fast = settings("--out", "o", "--fast", "--probe-train", "300");
        assertEquals(12800, fast.trainSamples());
        assertEquals(1, fast.classifierEpochs());
        assertFalse(fast.paperClassifierRecipe());
    }

    @Test
    void meanOfAveragesSavedReportsWithoutProbing(@TempDir Path dir) throws Exception {
        Path seed0 = dir.resolve("seed0");
        Path seed1 = dir.resolve("seed1");
        report(0.70).write(seed0);
        report(0.90).write(seed1);
        Path out = dir.resolve("mean");

        int status =
                new CommandLine(new InfoProCli())
                        .execute(
                                "analyze",
                                "--mean-of",
                                seed0 + "," + seed1,
                                "--out",
                                out.toString());

        assertEquals(0, status);
        ProbeReport mean = ProbeReport.read(out);
        assertEquals(0.80, mean.estimates("e2e").get(0).informationY(), 1e-9);
        assertTrue(Files.exists(out.resolve("information.png")));
    }

    @Test
    void meanOfAFolderWithoutAReportFails(@TempDir Path dir) {
        CommandLine cli = new CommandLine(new InfoProCli());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int status = cli.execute("analyze", "--mean-of", dir.toString(), "--out", dir.toString());
        assertNotEquals(0, status);
        assertTrue(err.toString().contains("holds no analysis.json"), err.toString());
    }

    private static ProbeReport report(double informationY) {
        ProbeReport report = new ProbeReport();
        report.add(
                "e2e",
                List.of(new InformationProbes.LayerEstimate(1, "stem", 10, 0.7, informationY)));
        return report;
    }

    private static InformationProbes.Settings settings(String... args) {
        CommandLine cli = new CommandLine(new InfoProCli());
        String[] all = new String[args.length + 1];
        all[0] = "analyze";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult parsed = cli.parseArgs(all);
        AnalyzeCommand command = (AnalyzeCommand) parsed.subcommand().commandSpec().userObject();
        return command.probeSettings();
    }
}
