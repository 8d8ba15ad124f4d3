package org.infopro.core.inference;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.translate.Translator;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infopro.core.config.RunConfig;
import org.infopro.core.config.Version2Config;
import org.infopro.core.data.Normalization;
import org.infopro.core.io.Json;
import org.infopro.core.io.Sha256Trailer;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.spi.Registry;
import org.infopro.core.spi.TaskPlugin;
import org.infopro.core.train.Experiment;

/**
 * A trained network for inference only: backbone and task head weights (no auxiliary nets, no
 * optimizer), with what a predictor needs to prepare inputs (input shape, normalisation, class
 * names). Loading it opens no dataset.
 *
 * <pre>{@code
 * InferenceModel.export(experiment, Path.of("model.infopro"));
 * try (InferenceModel model = InferenceModel.load(Path.of("model.infopro"));
 *         Predictor<Image, Classifications> predictor = model.newPredictor(translator)) {
 *     Classifications result = predictor.predict(image);
 * }
 * }</pre>
 *
 * The file is {@code INFOPRO-MODEL}, a version, a JSON header, DJL's parameter stream and a SHA-256
 * trailer that every load verifies.
 */
public final class InferenceModel implements AutoCloseable {

    private static final byte[] MAGIC = "INFOPRO-MODEL".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 2;

    /** Models from before typed configuration, whose configuration {@link Version2Config} reads. */
    private static final int VERSION_1 = 1;

    /** What the file says about the network besides its weights. */
    public record Header(
            String task,
            String backbone,
            FeatureShape input,
            int classes,
            List<String> classNames,
            Normalization normalization,
            RunConfig config) {}

    private final Header header;
    private final InferenceNetwork network;
    private final Model model;

    private InferenceModel(Header header, InferenceNetwork network, Model model) {
        this.header = header;
        this.network = network;
        this.model = model;
    }

    /** Writes the experiment's trained backbone and task head to {@code file}, atomically. */
    public static void export(Experiment experiment, Path file) throws IOException {
        InferenceNetwork network = InferenceNetwork.of(experiment.network());
        RunConfig config = experiment.config();
        Header header =
                new Header(
                        config.task(),
                        experiment.network().backbone().name(),
                        network.inputShape(),
                        experiment.test().classes(),
                        experiment.test().classNames(),
                        experiment.test().normalization(),
                        config);
        Sha256Trailer.write(
                file,
                null,
                out -> {
                    out.write(MAGIC);
                    out.writeInt(VERSION);
                    byte[] json = Json.GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
                    out.writeInt(json.length);
                    out.write(json);
                    PairList<String, Parameter> parameters = network.getParameters();
                    out.writeInt(parameters.size());
                    for (Pair<String, Parameter> parameter : parameters) {
                        out.writeUTF(parameter.getKey());
                        byte[] array = parameter.getValue().getArray().encode();
                        out.writeInt(array.length);
                        out.write(array);
                    }
                });
    }

    /** Loads a model whose task and backbone are found by name ({@link Registry#discover()}). */
    public static InferenceModel load(Path file) throws IOException {
        Header header = readHeader(file);
        Registry registry = Registry.discover();
        return load(
                file,
                header,
                input ->
                        registry.backbone(header.backbone())
                                .create(header.backbone(), input, header.config()),
                registry.task(header.task()));
    }

    /**
     * Loads a model built from objects: the same backbone the run trained (e.g. a user's own) and
     * its task.
     *
     * @throws IOException when the file is damaged, not a model, or its weights do not fit
     */
    public static InferenceModel load(
            Path file, Experiment.BackboneFactory backbones, TaskPlugin task) throws IOException {
        return load(file, readHeader(file), backbones, task);
    }

    /** Builds the network the verified {@code header} describes and reads its weights. */
    private static InferenceModel load(
            Path file, Header header, Experiment.BackboneFactory backbones, TaskPlugin task)
            throws IOException {
        Backbone backbone = backbones.create(header.input());
        InferenceNetwork network =
                new InferenceNetwork(
                        backbone,
                        task.newTaskHead(
                                backbone, InferenceNetwork.headInputs(backbone), header.classes()));
        Device device = header.config().device() == null ? null : header.config().resolveDevice();
        Model model = Model.newInstance(header.backbone(), device);
        try (DataInputStream in = open(file)) {
            skipHeader(in);
            NDManager manager = model.getNDManager();
            network.initialize(manager, DataType.FLOAT32, header.input().batched(1));
            readParameters(in, network, manager);
        } catch (RuntimeException e) {
            model.close();
            throw new IOException(
                    file
                            + ": its weights do not fit "
                            + header.backbone()
                            + " ("
                            + e.getMessage()
                            + ")",
                    e);
        }
        model.setBlock(network);
        return new InferenceModel(header, network, model);
    }

    /**
     * Reads the saved arrays into the network's parameters, name by name: every parameter must be
     * saved with its shape, and nothing else may be.
     */
    private static void readParameters(
            DataInputStream in, InferenceNetwork network, NDManager manager) throws IOException {
        Map<String, Parameter> own = new LinkedHashMap<>();
        network.getParameters().forEach(p -> own.put(p.getKey(), p.getValue()));
        int count = in.readInt();
        List<String> unexpected = new ArrayList<>();
        try (NDManager scratch = manager.newSubManager()) {
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                Parameter parameter = own.remove(name);
                if (parameter == null) {
                    unexpected.add(name);
                    continue;
                }
                NDArray saved = NDArray.decode(scratch, bytes);
                NDArray target = parameter.getArray();
                if (!saved.getShape().equals(target.getShape())) {
                    throw new IllegalArgumentException(
                            name
                                    + " is "
                                    + saved.getShape()
                                    + " in the file, "
                                    + target.getShape()
                                    + " in the network");
                }
                saved.copyTo(target);
            }
        }
        if (!own.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(
                    "missing " + own.keySet() + ", unexpected " + unexpected);
        }
    }

    /** Whether {@code file} starts as an inference model does (it may still be damaged). */
    public static boolean isInferenceModel(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) < MAGIC.length) {
            return false;
        }
        try (DataInputStream in = open(file)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            return Arrays.equals(magic, MAGIC);
        }
    }

    /** The file's header (task, backbone, input, classes, normalisation, configuration). */
    public static Header readHeader(Path file) throws IOException {
        if (Files.isDirectory(file) || !Files.exists(file)) {
            throw new IOException(file + ": no such model file");
        }
        try (DataInputStream in = open(file)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(
                        file + ": not an InfoPro inference model (a checkpoint? see `export`)");
            }
            int version = in.readInt();
            if (version != VERSION && version != VERSION_1) {
                throw new IOException(
                        file
                                + ": model version "
                                + version
                                + ", this build reads 1 and "
                                + VERSION);
            }
            if (!Sha256Trailer.matches(file)) {
                throw new IOException(
                        file + ": model file is damaged (its SHA-256 does not match its content)");
            }
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            return header(new String(json, StandardCharsets.UTF_8), version, file);
        } catch (EOFException e) {
            throw new IOException(file + ": model file is truncated", e);
        }
    }

    /** The header, its configuration read as the file's version wrote it. */
    private static Header header(String json, int version, Path file) throws IOException {
        try {
            com.google.gson.JsonObject tree =
                    Json.GSON.fromJson(json, com.google.gson.JsonObject.class);
            String config = Json.GSON.toJson(tree.remove("config"));
            Header rest = Json.GSON.fromJson(tree, Header.class);
            return new Header(
                    rest.task(),
                    rest.backbone(),
                    rest.input(),
                    rest.classes(),
                    rest.classNames(),
                    rest.normalization(),
                    version == VERSION_1
                            ? Version2Config.read(config, file.toString())
                            : RunConfig.fromJson(config, file.toString()));
        } catch (RuntimeException e) {
            throw new IOException(file + ": model header is malformed: " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
    }

    private static void skipHeader(DataInputStream in) throws IOException {
        in.skipNBytes(MAGIC.length + Integer.BYTES);
        in.skipNBytes(in.readInt());
    }

    /** The header: input shape, normalisation and class names for preparing inputs. */
    public Header header() {
        return header;
    }

    /** The backbone and head, for a plain forward pass. */
    public InferenceNetwork network() {
        return network;
    }

    /** The DJL model holding the network. */
    public Model model() {
        return model;
    }

    /** A DJL predictor through {@code translator} (close it before this model). */
    public <I, O> Predictor<I, O> newPredictor(Translator<I, O> translator) {
        return model.newPredictor(translator);
    }

    /** Runs a batch through the network in inference mode. */
    public NDList forward(NDList batch) {
        return network.forward(
                new ai.djl.training.ParameterStore(batch.head().getManager(), false), batch, false);
    }

    @Override
    public void close() {
        model.close();
    }
}
