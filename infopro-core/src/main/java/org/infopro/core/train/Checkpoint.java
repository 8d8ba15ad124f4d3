package org.infopro.core.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.infopro.core.config.RunConfig;
import org.infopro.core.config.Version2Config;
import org.infopro.core.io.AtomicFiles;
import org.infopro.core.io.Json;
import org.infopro.core.io.Sha256Trailer;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.optim.Optimizer;

/**
 * A resumable snapshot of a run: its configuration, its {@link TrainingState}, every parameter (BN
 * running statistics included) and the optimizer's momentum buffers.
 *
 * <p>Written to a temporary file and renamed into place, so a crash mid-write never leaves a
 * half-written checkpoint behind the name; the checkpoint it replaces is kept beside it, and a
 * SHA-256 trailer lets every load refuse a damaged file by name.
 */
public final class Checkpoint {

    private static final byte[] MAGIC = "INFOPRO-CKPT".getBytes(StandardCharsets.US_ASCII);

    /** Version 2 appends the SHA-256 of everything before it. */
    private static final int VERSION = 3;

    /** Checkpoints from before typed configuration, read through {@link Version2Config}. */
    private static final int VERSION_2 = 2;

    private final RunConfig config;
    private final TrainingState state;

    private Checkpoint(RunConfig config, TrainingState state) {
        this.config = config;
        this.state = state;
    }

    /** The run's configuration. */
    public RunConfig config() {
        return config;
    }

    /** The run's position and history. */
    public TrainingState state() {
        return state;
    }

    /**
     * Writes a checkpoint atomically, followed by the SHA-256 of its content. The checkpoint it
     * replaces is kept as {@link #previous(Path)}, and {@code .part} files left by killed writers
     * are deleted.
     */
    public static void save(
            Path file,
            RunConfig config,
            TrainingState state,
            LocalNetwork network,
            Optimizer optimizer)
            throws IOException {
        AtomicFiles.deleteLeftovers(file);
        Sha256Trailer.write(
                file,
                previous(file),
                out -> {
                    out.write(MAGIC);
                    out.writeInt(VERSION);
                    writeBytes(out, config.toJson().getBytes(StandardCharsets.UTF_8));
                    writeBytes(out, Json.GSON.toJson(state).getBytes(StandardCharsets.UTF_8));
                    network.saveParameters(out);
                    Map<String, NDArray> optimizerState = new LinkedHashMap<>(optimizer.state());
                    out.writeInt(optimizerState.size());
                    for (Map.Entry<String, NDArray> buffer : optimizerState.entrySet()) {
                        out.writeUTF(buffer.getKey());
                        writeBytes(out, buffer.getValue().encode());
                    }
                });
    }

    /**
     * A stored configuration with the paths it would write to removed: a checkpoint may come from
     * anywhere, and its predictions path (set by benchmarks) could point outside the run's folder.
     * Output paths come from the command line only.
     */
    public static RunConfig untrustedPathsCleared(RunConfig stored) {
        return stored.toBuilder().optPredictionsFile(null).build();
    }

    /** Where the checkpoint that {@code file} replaced is kept: {@code NAME.prev.ckpt}. */
    public static Path previous(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".ckpt") ? name.substring(0, name.length() - 5) : name;
        return file.resolveSibling(stem + ".prev.ckpt");
    }

    /**
     * Checks a checkpoint's SHA-256 against its content.
     *
     * @throws IOException naming the file when it is missing, not a checkpoint, truncated or
     *     damaged
     */
    public static void verify(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": checkpoint not found", e);
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not a checkpoint file");
        }
        if (size >= MAGIC.length + Integer.BYTES) {
            requireCurrentFormat(file);
        }
        if (size < MAGIC.length + Integer.BYTES + Sha256Trailer.BYTES) {
            throw new IOException(file + ": checkpoint is truncated (" + size + " bytes)");
        }
        if (!Sha256Trailer.matches(file)) {
            throw new IOException(
                    file
                            + ": checkpoint is damaged (its SHA-256 does not match its content:"
                            + " truncated, or bytes changed since it was written)");
        }
    }

    /** Checks magic and version first, so that an old or foreign file is not called damaged. */
    private static void requireCurrentFormat(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not an InfoPro checkpoint (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION && version != VERSION_2) {
                throw new IOException(
                        file
                                + ": checkpoint version "
                                + version
                                + ", this build reads versions 2 and "
                                + VERSION
                                + " (checkpoints with a checksum); version 1 checkpoints cannot be"
                                + " verified and must be trained again");
            }
        }
    }

    /**
     * The checkpoint to resume from: {@code file} when it verifies, else the previous one kept
     * beside it (with a warning on {@code log}).
     *
     * @throws IOException naming both files when neither verifies
     */
    public static Path intact(Path file, java.io.PrintStream log) throws IOException {
        try {
            verify(file);
            return file;
        } catch (IOException damaged) {
            Path previous = previous(file);
            if (!Files.exists(previous)) {
                throw damaged;
            }
            try {
                verify(previous);
            } catch (IOException alsoDamaged) {
                throw new IOException(
                        damaged.getMessage() + "; the previous " + alsoDamaged.getMessage(),
                        damaged);
            }
            log.println(
                    "warning: "
                            + damaged.getMessage()
                            + "; resuming from "
                            + previous
                            + " instead");
            return previous;
        }
    }

    /** Reads only the configuration and state (to rebuild the network before loading weights). */
    public static Checkpoint readHeader(Path file) throws IOException {
        verify(file);
        try (DataInputStream in = open(file)) {
            return readHeader(file, in);
        }
    }

    /**
     * Loads weights and the optimizer's state into a network built from {@link #config()}.
     *
     * @throws IOException when the file is missing, truncated or was written for another network
     */
    public static Checkpoint load(
            Path file, LocalNetwork network, Optimizer optimizer, NDManager manager)
            throws IOException {
        verify(file);
        try (DataInputStream in = open(file)) {
            Checkpoint header = readHeader(file, in);
            try {
                network.loadParameters(manager, in);
                // Loaded arrays are new tensors: make the trainable ones leaves of autograd again.
                for (Parameter parameter : network.getParameters().values()) {
                    if (parameter.requiresGradient()) {
                        parameter.getArray().setRequiresGradient(true);
                    }
                }
            } catch (MalformedModelException | RuntimeException e) {
                throw new IOException(
                        file + ": parameters do not fit this network (" + e.getMessage() + ")", e);
            }
            int count = in.readInt();
            Map<String, NDArray> buffers = new LinkedHashMap<>();
            try (NDManager scratch = manager.newSubManager()) {
                for (int i = 0; i < count; i++) {
                    String name = in.readUTF();
                    buffers.put(name, NDArray.decode(scratch, readBytes(in)));
                }
                if (optimizer != null) {
                    try {
                        optimizer.restoreState(buffers, manager);
                    } catch (IllegalArgumentException e) {
                        throw new IOException(file + ": " + e.getMessage(), e);
                    }
                }
            }
            return header;
        } catch (EOFException e) {
            throw new IOException(file + ": checkpoint is truncated", e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        try {
            InputStream raw = Files.newInputStream(file);
            return new DataInputStream(new BufferedInputStream(raw));
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": checkpoint not found", e);
        }
    }

    /** Reads configuration and state from a verified file (magic and version already checked). */
    private static Checkpoint readHeader(Path file, DataInputStream in) throws IOException {
        try {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            String json = text(in);
            RunConfig config =
                    version == VERSION_2
                            ? Version2Config.read(json, file.toString())
                            : RunConfig.fromJson(json, file.toString());
            TrainingState state = Json.GSON.fromJson(text(in), TrainingState.class);
            return new Checkpoint(config, state);
        } catch (EOFException e) {
            throw new IOException(file + ": checkpoint is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > (1 << 30)) {
            throw new IOException("corrupt length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
