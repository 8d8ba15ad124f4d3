package org.infopro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.infopro.core.data.OpenCv;
import org.infopro.core.io.AtomicFiles;
import org.infopro.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by whole processes: a results file under {@code kill -9}, OpenCV's native cache.
 */
class ProcessLevelFilesTest {

    @TempDir Path dir;

    /** Rewrites a large records file atomically, forever: {@code FILE}. */
    public static final class ResultsWriter {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            for (int round = 0; ; round++) {
                List<Integer> records = new java.util.ArrayList<>();
                for (int i = 0; i < 300_000; i++) {
                    records.add(round);
                }
                AtomicFiles.writeString(file, Json.GSON.toJson(records));
            }
        }
    }

    /** Loads OpenCV's native library and exits. */
    public static final class OpenCvLoader {
        public static void main(String[] args) {
            OpenCv.load();
        }
    }

    @Test
    void aResultsFileKilledMidWriteIsTheLastCompleteOne() throws Exception {
        Path file = dir.resolve("results.json");
        for (long delay : new long[] {700, 1300, 1900}) {
            Process writer =
                    ChildProcesses.start(
                            ResultsWriter.class, dir.resolve("w.log"), file.toString());
            Thread.sleep(delay);
            writer.destroyForcibly().waitFor();
            if (Files.exists(file)) {
                List<?> records = Json.GSON.fromJson(Files.readString(file), List.class);
                assertEquals(
                        300_000, records.size(), "a whole file after a kill at " + delay + " ms");
            }
        }
        assertTrue(Files.exists(file), "some write finished");
        AtomicFiles.deleteLeftovers(file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    List.of("results.json", "w.log"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void openCvIsExtractedOncePerMachineNotPerProcess() throws Exception {
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        Path cache = dir.resolve("cache");
        List<String> options = List.of("-Djava.io.tmpdir=" + temp, "-Dinfopro.cache=" + cache);
        Path library = cache.resolve("opencv/4.9.0-0/libopencv_java490.so");
        long modified = 0;
        for (int run = 0; run < 2; run++) {
            Process p = ChildProcesses.start(options, OpenCvLoader.class, dir.resolve("cv.log"));
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), Files.readString(dir.resolve("cv.log")));
            assertTrue(Files.size(library) > 10_000_000, "the library is in the cache");
            if (run == 1) {
                assertEquals(modified, Files.getLastModifiedTime(library).toMillis(), "reused");
            }
            modified = Files.getLastModifiedTime(library).toMillis();
            try (Stream<Path> left = Files.list(temp)) {
                assertEquals(
                        List.of(), left.toList(), "nothing extracted into the temporary folder");
            }
        }
    }
}
