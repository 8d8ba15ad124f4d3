package org.infopro.segmentation.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.testing.Networks;
import org.infopro.core.testing.PyTorch;
import org.infopro.core.weights.LoadReport;
import org.infopro.core.weights.SafeTensors;
import org.infopro.core.weights.StateDict;
import org.infopro.core.weights.WeightLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mmsegmentation's ResNetV1c (written by hand with its module names in {@code
 * tools/pytorch-reference/resnet_v1c.py}, saved as an mmsegmentation checkpoint) loads into
 * DeepLab-V3's backbone and gives PyTorch's layer3 and layer4 features.
 */
class ResNetV1cWeightsTest {

    private static final FeatureShape INPUT = new FeatureShape(3, 64, 64);

    @TempDir static Path dir;

    @BeforeAll
    static void savedByPyTorch() throws Exception {
        PyTorch.run("resnet_v1c.py", List.of(dir.toString(), "18", "64"));
        PyTorch.run("resnet_v1c.py", List.of(dir.toString(), "50", "64"));
    }

    @Test
    void deepLabBackbonesGiveResNetV1cFeatures() throws Exception {
        for (String depth : List.of("18", "50")) {
            Map<String, Double> diff =
                    featureDifferences("deeplabv3-r" + depth + "-d8", "resnet" + depth + "_v1c");
            assertTrue(
                    diff.get("layer3") <= 1e-4 && diff.get("layer4") <= 1e-4, depth + ": " + diff);
        }
    }

    private static Map<String, Double> featureDifferences(String ours, String file)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                StateDict state = StateDict.read(dir.resolve(file + ".pth"), manager)) {
            Backbone backbone = new DeepLabBackbones().create(ours, INPUT);
            Map<String, NDArray> io =
                    SafeTensors.read(dir.resolve(file + ".io.safetensors"), manager);
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
