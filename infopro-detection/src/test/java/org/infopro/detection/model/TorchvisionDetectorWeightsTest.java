package org.infopro.detection.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.testing.Networks;
import org.infopro.core.testing.PyTorch;
import org.infopro.core.train.TorchWeights;
import org.infopro.core.weights.LoadReport;
import org.infopro.core.weights.SafeTensors;
import org.infopro.core.weights.StateDict;
import org.infopro.core.weights.WeightLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A torchvision {@code fasterrcnn_resnet50_fpn} checkpoint ({@code
 * tools/pytorch-reference/torchvision_detection.py}) fills our Faster R-CNN R50-FPN backbone from
 * {@code backbone.body.}, which is found by itself, and gives torchvision's C2–C5 features.
 */
class TorchvisionDetectorWeightsTest {

    private static final FeatureShape INPUT = new FeatureShape(3, 224, 224);

    @TempDir Path dir;

    @Test
    void theResNetBodyOfATorchvisionDetectorGivesItsFeatures() throws Exception {
        PyTorch.run("torchvision_detection.py", List.of(dir.toString()));
        try (NDManager manager = NDManager.newBaseManager();
                StateDict state =
                        StateDict.read(dir.resolve("fasterrcnn_resnet50_fpn.pth"), manager)) {
            Backbone backbone = new DetectionBackbones().create("faster_rcnn_r50_fpn", INPUT);
            Map<String, NDArray> io =
                    SafeTensors.read(
                            dir.resolve("fasterrcnn_resnet50_fpn.io.safetensors"), manager);
            Networks.initializeBlocks(backbone, manager, io.get("input").getShape());
            String prefix = TorchWeights.prefixOf(backbone, state);
            assertEquals("backbone.body.", prefix);
            LoadReport report = WeightLoader.load(backbone.weightGroups(prefix), state);
            assertTrue(
                    report.missing().isEmpty() && report.mismatched().isEmpty(), report.toString());
            assertEquals(265, report.matched().size(), report.toString());
            assertTrue(
                    report.unexpected().stream().noneMatch(k -> k.startsWith("backbone.body.")),
                    "only the FPN, RPN and RoI heads are left: " + report);
            List<NDArray> stages = features(backbone, manager, io.get("input"));
            StringBuilder text = new StringBuilder();
            for (int c = 2; c <= 5; c++) {
                double diff = stages.get(c - 2).sub(io.get("c" + c)).abs().max().getFloat();
                text.append(String.format(" c%d %.2g", c, diff));
                assertTrue(diff <= 1e-4, "c" + c + ": " + diff);
            }
            System.out.println(
                    "faster_rcnn_r50_fpn from torchvision: "
                            + report
                            + "; max |difference|"
                            + text);
        }
    }

    /** The outputs of the last block of each stage (C2–C5). */
    private static List<NDArray> features(Backbone backbone, NDManager manager, NDArray input) {
        Map<String, NDArray> outputs = Networks.blockOutputs(backbone, manager, input);
        List<NDArray> stages = new ArrayList<>();
        for (int stage = 1; stage <= 4; stage++) {
            String prefix = "layer" + stage + ".";
            String last = null;
            for (String name : outputs.keySet()) {
                last = name.startsWith(prefix) ? name : last;
            }
            stages.add(outputs.get(last));
        }
        return stages;
    }
}
