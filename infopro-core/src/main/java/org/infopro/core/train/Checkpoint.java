package org.infopro.core.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.infopro.core.model.LocalNetwork;

/**
 * A resumable snapshot of a run: its configuration, its {@link TrainingState}, every parameter (BN
 * running statistics included) and the optimizer's momentum buffers.
 *
 * <p>Written to a temporary file and renamed into place, so a crash mid-write never leaves a
 * half-written checkpoint behind the name.
 */
public final class Checkpoint {

    private static final byte[] MAGIC = "INFOPRO-CKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

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

    /** Writes a checkpoint atomically. */
    public static void save(
            Path file, RunConfig config, TrainingState state, LocalNetwork network, TorchSgd sgd)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".part");
        try (OutputStream raw = Files.newOutputStream(temporary);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            writeBytes(out, Json.GSON.toJson(config).getBytes(StandardCharsets.UTF_8));
            writeBytes(out, Json.GSON.toJson(state).getBytes(StandardCharsets.UTF_8));
            network.saveParameters(out);
            out.writeInt(sgd.buffers().size());
            for (Map.Entry<String, NDArray> buffer : sgd.buffers().entrySet()) {
                out.writeUTF(buffer.getKey());
                writeBytes(out, buffer.getValue().encode());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(
                temporary,
                file,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads only the configuration and state (to rebuild the network before loading weights). */
    public static Checkpoint readHeader(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            return readHeader(file, in);
        }
    }

    /**
     * Loads weights and momentum buffers into a network built from {@link #config()}.
     *
     * @throws IOException when the file is missing, truncated or was written for another network
     */
    public static Checkpoint load(Path file, LocalNetwork network, TorchSgd sgd, NDManager manager)
            throws IOException {
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
                if (sgd != null) {
                    sgd.restoreBuffers(buffers, manager);
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

    private static Checkpoint readHeader(Path file, DataInputStream in) throws IOException {
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not an InfoPro checkpoint (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(
                        file + ": checkpoint version " + version + ", expected " + VERSION);
            }
            RunConfig config = Json.GSON.fromJson(text(in), RunConfig.class);
            TrainingState state = Json.GSON.fromJson(text(in), TrainingState.class);
            return new Checkpoint(config, state);
        } catch (EOFException e) {
            throw new IOException(file + ": checkpoint is truncated", e);
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
