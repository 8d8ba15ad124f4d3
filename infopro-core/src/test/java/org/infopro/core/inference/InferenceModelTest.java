package org.infopro.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.core.config.RunConfig;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.Layers;
import org.infopro.core.testing.Toys;
import org.infopro.core.train.Experiment;
import org.infopro.core.train.Training;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights-only inference models: the trained network's predictions, verified files, no aux nets.
 */
class InferenceModelTest {

    @TempDir Path dir;
    private Path file;
    private float[] trainedLogits;

    @BeforeEach
    void trainAndExport() throws Exception {
        RunConfig c =
                RunConfig.builder()
                        .optMethod("infopro-contrast")
                        .optK(2)
                        .optSplit("even")
                        .optBatch(32)
                        .optMaxSteps(3)
                        .build();
        file = dir.resolve("model.infopro");
        try (Experiment e = Toys.experiment(c, Toys.images(96, 1), Toys.images(32, 2));
                NDManager manager = NDManager.newBaseManager()) {
            new Training(e).run();
            InferenceModel.export(e, file);
            NDList input = new NDList(Toys.randomBatch(manager, 5, 9).input());
            trainedLogits =
                    e.network()
                            .forward(new ParameterStore(manager, false), input, false)
                            .head()
                            .toFloatArray();
        }
    }

    @Test
    void aLoadedModelPredictsWhatTheTrainedNetworkPredicts() throws Exception {
        try (InferenceModel model = InferenceModel.load(file, Toys::backbone, new Toys.Task());
                NDManager manager = NDManager.newBaseManager()) {
            NDList input = new NDList(Toys.randomBatch(manager, 5, 9).input());
            assertArrayEquals(trainedLogits, model.forward(input).head().toFloatArray(), 0f);
            assertTrue(
                    model.network().getParameters().keys().stream()
                            .allMatch(k -> k.contains("body") || k.contains("head")),
                    model.network().getParameters().keys().toString());
            assertEquals("toy-cnn", model.header().backbone());
            assertEquals(Toys.INPUT, model.header().input());
        }
    }

    @Test
    void damagedFilesCheckpointsAndOtherNetworksAreRefusedByName() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 4;
        Path damaged = dir.resolve("damaged.infopro");
        Files.write(damaged, bytes);
        IOException e = assertThrows(IOException.class, () -> InferenceModel.readHeader(damaged));
        assertEquals(
                damaged + ": model file is damaged (its SHA-256 does not match its content)",
                e.getMessage());

        Path notAModel = dir.resolve("checkpoint.ckpt");
        Files.writeString(notAModel, "INFOPRO-CKPT and more");
        e = assertThrows(IOException.class, () -> InferenceModel.readHeader(notAModel));
        assertTrue(
                e.getMessage().startsWith(notAModel + ": not an InfoPro inference model"),
                e.getMessage());

        Experiment.BackboneFactory wider =
                input ->
                        Backbone.builder("toy-cnn", input)
                                .add("c1", Layers.convBnRelu(8, 3, 1, false))
                                .add("c2", Layers.convBnRelu(8, 3, 1, false))
                                .add("c3", Layers.convBnRelu(32, 3, 2, false))
                                .add("c4", Layers.convBnRelu(16, 3, 1, false))
                                .build();
        e =
                assertThrows(
                        IOException.class, () -> InferenceModel.load(file, wider, new Toys.Task()));
        assertTrue(
                e.getMessage().startsWith(file + ": its weights do not fit toy-cnn ("),
                e.getMessage());
        assertTrue(e.getMessage().contains("in the file"), e.getMessage());
    }
}
