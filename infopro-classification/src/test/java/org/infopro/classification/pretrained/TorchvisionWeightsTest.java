package org.infopro.classification.pretrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.infopro.classification.ClassificationPlugin;
import org.infopro.classification.backbone.ImageNetClassifiers;
import org.infopro.classification.backbone.ModernBackbones;
import org.infopro.core.config.RunConfig;
import org.infopro.core.inference.InferenceNetwork;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.testing.PyTorch;
import org.infopro.core.testing.Toys;
import org.infopro.core.train.Experiment;
import org.infopro.core.weights.LoadReport;
import org.infopro.core.weights.SafeTensors;
import org.infopro.core.weights.StateDict;
import org.infopro.core.weights.WeightGroup;
import org.infopro.core.weights.WeightLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * torchvision's own models, saved by PyTorch with random weights ({@code
 * tools/pytorch-reference/torchvision_models.py}), load into ours and give torchvision's logits.
 */
class TorchvisionWeightsTest {

    private static final FeatureShape IMAGENET = new FeatureShape(3, 224, 224);

    /** torchvision's name → ours. */
    private static final Map<String, String> MODELS =
            Map.of(
                    "resnet18", "resnet18",
                    "resnet50", "resnet50",
                    "resnext50_32x4d", "resnext50-32x4d",
                    "efficientnet_b0", "efficientnet-b0",
                    "deit_small_patch16_224", "deit-small",
                    "densenet121", "densenet121");

    @TempDir static Path dir;

    @BeforeAll
    static void savedByPyTorch() throws Exception {
        PyTorch.run(
                "torchvision_models.py",
                List.of(
                        dir.toString(),
                        "resnet18",
                        "resnet50",
                        "resnext50_32x4d",
                        "efficientnet_b0",
                        "densenet121"));
    }

    @Test
    void resNetsFromTorchSaveGiveTorchvisionsLogits() throws Exception {
        for (String model : List.of("resnet18", "resnet50", "resnext50_32x4d")) {
            double diff = maxLogitDifference(model, dir.resolve(model + ".pth"));
            assertTrue(diff <= 1e-4, model + ": max |logit difference| " + diff);
        }
    }

    @Test
    void efficientNetB0GivesTorchvisionsLogits() throws Exception {
        double diff = maxLogitDifference("efficientnet_b0", dir.resolve("efficientnet_b0.pth"));
        assertTrue(diff <= 1e-4, "max |logit difference| " + diff);
    }

    @Test
    void denseNet121GivesTorchvisionsLogits() throws Exception {
        double diff = maxLogitDifference("densenet121", dir.resolve("densenet121.pth"));
        assertTrue(diff <= 1e-4, "max |logit difference| " + diff);
    }

    @Test
    void deitSmallFromADeitCheckpointGivesItsLogits() throws Exception {
        PyTorch.run("deit_small.py", List.of(dir.toString()));
        double diff =
                maxLogitDifference(
                        "deit_small_patch16_224", dir.resolve("deit_small_patch16_224.pth"));
        assertTrue(diff <= 1e-4, "max |logit difference| " + diff);
    }

    @Test
    void safetensorsLoadTheSameWeights() throws Exception {
        double diff = maxLogitDifference("resnet50", dir.resolve("resnet50.safetensors"));
        assertTrue(diff <= 1e-4, "max |logit difference| " + diff);
    }

    @Test
    void trainedWeightsWrittenBackLoadIntoTorchvisionStrictly() throws Exception {
        for (String format : List.of("safetensors", "pth")) {
            writtenBackLoadsIntoTorchvision(dir.resolve("resnet18.back." + format));
        }
    }

    private static void writtenBackLoadsIntoTorchvision(Path back) throws Exception {
        maxLogitDifference("resnet18", dir.resolve("resnet18.pth"), back);
        String printed =
                PyTorch.run(
                        "check_state_dict.py",
                        List.of(
                                "resnet18",
                                back.toString(),
                                dir.resolve("resnet18.io.safetensors").toString()));
        double diff = Double.parseDouble(printed.trim());
        System.out.println(
                "resnet18 written back as "
                        + back.getFileName()
                        + ", in PyTorch: max |difference| "
                        + diff);
        assertTrue(diff <= 1e-4, "PyTorch's logits from our file differ by " + diff);
    }

    @Test
    void aRunStartsFromAPretrainedBackboneAndSaysWhatItLoaded() throws Exception {
        Path file = dir.resolve("resnet18.pth");
        RunConfig config =
                RunConfig.builder()
                        .optBackbone("resnet18")
                        .optMethod("infopro-softmax")
                        .optSplit("even")
                        .optPretrained(file.toString())
                        .build();
        try (NDManager manager = NDManager.newBaseManager();
                StateDict state = StateDict.read(file, manager);
                Experiment experiment =
                        Experiment.builder()
                                .setConfig(config)
                                .optData(Toys.images(8, 1), Toys.images(8, 2))
                                .build()) {
            LoadReport report = experiment.pretrainedReport();
            assertEquals(100, report.matched().size(), report.toString());
            assertEquals(List.of("fc.weight", "fc.bias"), report.unexpected());
            assertTrue(
                    report.missing().isEmpty() && report.mismatched().isEmpty(), report.toString());
            NDArray stemConv =
                    experiment
                            .network()
                            .backbone()
                            .blocks()
                            .get(0)
                            .getParameters()
                            .get(0)
                            .getValue()
                            .getArray();
            assertEquals(0f, stemConv.sub(state.get("conv1.weight")).abs().max().getFloat());
            assertTrue(
                    experiment
                            .describe()
                            .contains("Pretrained backbone from " + file + ": 100 matched"),
                    experiment.describe());
        }
        RunConfig all =
                config.toBuilder().optPretrainedParts(RunConfig.PretrainedParts.ALL).build();
        try (Experiment experiment =
                Experiment.builder()
                        .setConfig(all)
                        .optData(Toys.images(8, 1), Toys.images(8, 2))
                        .build()) {
            assertEquals(
                    List.of(
                            "fc.weight: file (1000, 512), here (4, 512) (head:02Linear_weight)",
                            "fc.bias: file (1000), here (4) (head:02Linear_bias)"),
                    experiment.pretrainedReport().mismatched());
        }
    }

    /** The backbone's names and its classifier's, as the task gives them. */
    private static List<WeightGroup> torchvisionNames(Backbone backbone, Block head) {
        List<WeightGroup> groups = new java.util.ArrayList<>(backbone.weightGroups(""));
        groups.addAll(new ClassificationPlugin().headWeightGroups(backbone, head, ""));
        return groups;
    }

    private static double maxLogitDifference(String model, Path weights) throws Exception {
        return maxLogitDifference(model, weights, null);
    }

    /** Loads, compares, and (when {@code writeBack} is given) writes the weights back. */
    private static double maxLogitDifference(String model, Path weights, Path writeBack)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                StateDict state = StateDict.read(weights, manager)) {
            Backbone backbone =
                    model.startsWith("efficientnet")
                                    || model.startsWith("deit")
                                    || model.startsWith("densenet")
                            ? new ModernBackbones().create(MODELS.get(model), IMAGENET)
                            : new ImageNetClassifiers().create(MODELS.get(model), IMAGENET);
            Block head =
                    new ClassificationPlugin()
                            .newTaskHead(InferenceNetwork.headInputs(backbone), 1000);
            InferenceNetwork network = new InferenceNetwork(backbone, head);
            network.initialize(manager, DataType.FLOAT32, IMAGENET.batched(1));
            LoadReport report = WeightLoader.load(torchvisionNames(backbone, head), state);
            assertTrue(report.isComplete(), model + ": " + report);
            assertEquals(state.tensors().size() - report.ignored().size(), report.matched().size());
            Map<String, NDArray> io =
                    SafeTensors.read(dir.resolve(model + ".io.safetensors"), manager);
            NDArray logits =
                    network.forward(
                                    new ParameterStore(manager, false),
                                    new NDList(io.get("input")),
                                    false)
                            .head();
            if (writeBack != null) {
                WeightLoader.export(
                        writeBack,
                        torchvisionNames(backbone, head),
                        List.of()); // our own names for torchvision's layers
            }
            NDArray expected = io.get("output");
            System.out.printf(
                    "%s from %s: %s; max |logit| %.3g, max |difference| %.3g%n",
                    model,
                    weights.getFileName(),
                    report,
                    expected.abs().max().getFloat(),
                    logits.sub(expected).abs().max().getFloat());
            return logits.sub(expected).abs().max().getFloat();
        }
    }
}
