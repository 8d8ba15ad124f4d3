package org.infopro.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.infopro.core.config.RunConfig;
import org.infopro.core.testing.Toys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged checkpoints are refused by name; the previous one is kept and resumed from. */
class CheckpointSafetyTest {

    @TempDir Path dir;
    private Path checkpoint;

    @BeforeEach
    void trainWithCheckpoints() throws Exception {
        RunConfig c =
                RunConfig.builder()
                        .optMethod("infopro-softmax")
                        .optSplit("even")
                        .optBatch(32)
                        .optEvalBatch(40)
                        .build();
        checkpoint = dir.resolve("run/checkpoint.ckpt");
        Files.createDirectories(checkpoint.getParent());
        Files.writeString(checkpoint.resolveSibling("checkpoint.ckpt.1234.part"), "killed writer");
        try (Experiment e = Toys.experiment(c, Toys.images(128, 1), Toys.images(40, 2))) {
            new Training(e).checkpointTo(checkpoint, 1).run(new TrainingState());
        }
    }

    @Test
    void theLastTwoCheckpointsAreKeptAndLeftoverPartsRemoved() throws Exception {
        // The epoch-end save (epoch 1 done) replaced the one after step 4, which is kept.
        TrainingState last = Checkpoint.readHeader(checkpoint).state();
        TrainingState previous = Checkpoint.readHeader(Checkpoint.previous(checkpoint)).state();
        assertEquals(1, last.epoch);
        assertEquals(0, previous.epoch);
        assertEquals(4, previous.stepInEpoch);
        try (var files = Files.list(checkpoint.getParent())) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".part")));
        }
    }

    @Test
    void zeroedFlippedOrTruncatedCheckpointsAreRefusedNamingTheFile() throws Exception {
        byte[] good = Files.readAllBytes(checkpoint);
        byte[] zeroed = good.clone();
        Arrays.fill(zeroed, zeroed.length / 2, zeroed.length / 2 + 4096, (byte) 0);
        byte[] flipped = good.clone();
        flipped[flipped.length / 3] ^= 0x10;
        byte[] truncated = Arrays.copyOf(good, good.length - 1000);
        for (byte[] damaged : new byte[][] {zeroed, flipped, truncated}) {
            Files.write(checkpoint, damaged);
            IOException e = assertThrows(IOException.class, () -> Checkpoint.verify(checkpoint));
            assertTrue(
                    e.getMessage().startsWith(checkpoint + ": checkpoint is damaged"),
                    e.getMessage());
            assertThrows(IOException.class, () -> Checkpoint.readHeader(checkpoint));
        }
        Files.write(checkpoint, Arrays.copyOf(good, 20));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.verify(checkpoint));
        assertEquals(checkpoint + ": checkpoint is truncated (20 bytes)", e.getMessage());
    }

    @Test
    void resumeFallsBackToThePreviousIntactCheckpointWithAWarning() throws Exception {
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[100] ^= 1;
        Files.write(checkpoint, bytes);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path chosen = Checkpoint.intact(checkpoint, new PrintStream(log, true));
        assertEquals(Checkpoint.previous(checkpoint), chosen);
        assertTrue(log.toString().contains("resuming from " + chosen), log.toString());
        Files.write(Checkpoint.previous(checkpoint), Arrays.copyOf(bytes, 50));
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> Checkpoint.intact(checkpoint, new PrintStream(log, true)));
        assertTrue(e.getMessage().contains("the previous"), e.getMessage());
    }
}
