package org.infopro.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infopro.core.analysis.InformationProbes;
import org.junit.jupiter.api.Test;
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
