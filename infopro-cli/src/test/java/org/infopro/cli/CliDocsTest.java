package org.infopro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The command-line reference ({@code docs/cli.md}) shows each command's help exactly as the command
 * prints it ({@code tools/docs/update-excerpts.py} rewrites it after a change).
 */
class CliDocsTest {

    @Test
    void theReferenceShowsEachCommandsCurrentHelp() throws Exception {
        Path page = Path.of("..", "docs", "cli.md");
        Matcher block =
                Pattern.compile("<!-- help: (\\S+) -->\\n```text\\n(.*?)```", Pattern.DOTALL)
                        .matcher(Files.readString(page));
        int checked = 0;
        while (block.find()) {
            String command = block.group(1);
            String usage = InfoProCli.commandLine().getSubcommands().get(command).getUsageMessage();
            assertEquals(usage, block.group(2), "docs/cli.md, help of " + command);
            checked++;
        }
        assertEquals(4, checked, "train, eval, export and bench");
    }
}
