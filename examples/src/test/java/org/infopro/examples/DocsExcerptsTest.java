package org.infopro.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block in the README and under {@code docs/} is marked {@code <!-- excerpt: FILE#TAG
 * -->} and is, character for character, the part of FILE between {@code // tag::TAG[]} and {@code
 * // end::TAG[]} (common indentation removed). The files are compiled and run by this module's
 * tests, so the documentation's code cannot rot.
 */
class DocsExcerptsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK =
            Pattern.compile(
                    "(?:<!-- excerpt: (\\S+)#(\\S+) -->\\n)?```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaBlockIsAVerbatimExcerptOfCompiledCode() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        int checked = 0;
        for (Path page : pages) {
            Matcher block = BLOCK.matcher(Files.readString(page));
            while (block.find()) {
                String where = ROOT.relativize(page) + " at offset " + block.start();
                assertFalse(
                        block.group(1) == null, where + ": a Java block without an excerpt mark");
                String source = Files.readString(ROOT.resolve(block.group(1)));
                assertEquals(tagged(source, block.group(2), where), block.group(3), where);
                checked++;
            }
        }
        assertTrue(checked >= 4, "only " + checked + " excerpts found");
    }

    private static String tagged(String source, String tag, String where) {
        Matcher region =
                Pattern.compile(
                                "// tag::"
                                        + tag
                                        + "\\[\\]\\n(.*?)\\n[ \\t]*// end::"
                                        + tag
                                        + "\\[\\]",
                                Pattern.DOTALL)
                        .matcher(source);
        assertTrue(region.find(), where + ": no tag " + tag);
        String[] lines = region.group(1).split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }
}
