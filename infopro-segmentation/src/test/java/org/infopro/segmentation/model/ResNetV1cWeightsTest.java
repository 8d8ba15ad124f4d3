package org.infopro.segmentation.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.infopro.core.config.RunConfig;
import org.infopro.core.model.Backbone;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.testing.Networks;
import org.infopro.core.testing.PyTorch;
import org.infopro.core.train.TorchWeights;
import org.infopro.core.weights.LoadReport;
import org.infopro.core.weights.SafeTensors;
import org.infopro.core.weights.StateDict;
import org.infopro.core.weights.WeightLoader;
import org.infopro.segmentation.SegmentationPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mmsegmentation's ResNetV1c and DeepLab-V3 (written by hand with its module names in {@code
 * tools/pytorch-reference/resnet_v1c.py}, saved as mmsegmentation checkpoints) load into
 * DeepLab-V3's backbone and heads and give PyTorch's layer3 and layer4 features and logits.
 */
class ResNetV1cWeightsTest {

    private static final FeatureShape INPUT = new FeatureShape(3, 64, 64);
    private static final int CLASSES = 19;

    @TempDir static Path dir;

    @BeforeAll
    static void savedByPyTorch() throws Exception {
        PyTorch.run("resnet_v1c.py", List.of(dir.toString(), "18", "64", "" + CLASSES));
        PyTorch.run("resnet_v1c.py", List.of(dir.toString(), "50", "64", "" + CLASSES));
        PyTorch.run("resnet_v1c.py", List.of(dir.toString(), "101", "64"));
    }

    @Test
    void deepLabBackbonesGiveResNetV1cFeatures() throws Exception {
        for (String file : List.of("18_v1c", "18_v1c.legacy", "50_v1c", "101_v1c")) {
            String depth = file.substring(0, file.indexOf('_'));
            Map<String, Double> diff =
                    featureDifferences("deeplabv3-r" + depth + "-d8", "resnet" + file);
            assertTrue(
                    diff.get("layer3") <= 1e-4 && diff.get("layer4") <= 1e-4, file + ": " + diff);
        }
    }

    @Test
    void wholeMmsegmentationDeepLabV3sGiveTheirDecodeAndAuxiliaryLogits() throws Exception {
        for (String depth : List.of("18", "50")) {
            try (NDManager manager = NDManager.newBaseManager()) {
                SegmentationPlugin task = new SegmentationPlugin();
                LocalNetwork network =
                        Networks.endToEnd(
                                new DeepLabBackbones().create("deeplabv3-r" + depth + "-d8", INPUT),
                                task,
                                CLASSES,
                                manager);
                String file = "deeplabv3_r" + depth + "-d8";
                LoadReport report =
                        TorchWeights.load(
                                network,
                                task,
                                dir.resolve(file + ".pth"),
                                RunConfig.PretrainedParts.ALL,
                                manager);
                assertTrue(report.isComplete() && report.unexpected().isEmpty(), report.toString());
                Map<String, NDArray> io =
                        SafeTensors.read(dir.resolve(file + ".io.safetensors"), manager);
                Backbone backbone = network.backbone();
                Map<String, NDArray> features =
                        Networks.blockOutputs(backbone, manager, io.get("input"));
                NDList logits =
                        network.taskHead()
                                .forward(
                                        new ParameterStore(manager, false),
                                        new NDList(
                                                features.get(backbone.taps().get(0)),
                                                features.get(
                                                        backbone.cutPoints()
                                                                .get(features.size() - 1)
                                                                .name())),
                                        false);
                double decode = logits.get(0).sub(io.get("decode")).abs().max().getFloat();
                double auxiliary = logits.get(1).sub(io.get("auxiliary")).abs().max().getFloat();
                System.out.printf(
                        "%s whole: %s; max |decode| %.3g, max |difference| decode %.3g,"
                                + " auxiliary %.3g%n",
                        file, report, io.get("decode").abs().max().getFloat(), decode, auxiliary);
                assertTrue(decode <= 1e-4 && auxiliary <= 1e-4, decode + " / " + auxiliary);
            }
        }
    }

    private static Map<String, Double> featureDifferences(String ours, String file)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                StateDict state = StateDict.read(dir.resolve(file + ".pth"), manager)) {
            Backbone backbone = new DeepLabBackbones().create(ours, INPUT);
            Map<String, NDArray> io =
                    SafeTensors.read(
                            dir.resolve(file.replace(".legacy", "") + ".io.safetensors"), manager);
            Networks.initializeBlocks(backbone, manager, io.get("input").getShape());
            LoadReport report = WeightLoader.load(backbone.weightGroups("backbone."), state);
            assertTrue(report.isComplete(), file + ": " + report);
            Map<String, NDArray> outputs =
                    Networks.blockOutputs(backbone, manager, io.get("input"));
            NDArray layer3 = outputs.get(backbone.taps().get(0));
            NDArray layer4 = outputs.get(backbone.cutPoints().get(outputs.size() - 1).name());
            double d3 = layer3.sub(io.get("layer3")).abs().max().getFloat();
            double d4 = layer4.sub(io.get("layer4")).abs().max().getFloat();
            System.out.printf(
                    "%s from %s: %s; max |layer4| %.3g, max |difference| layer3 %.3g, layer4 %.3g%n",
                    ours, file, report, io.get("layer4").abs().max().getFloat(), d3, d4);
            return Map.of("layer3", d3, "layer4", d4);
        }
    }
}
