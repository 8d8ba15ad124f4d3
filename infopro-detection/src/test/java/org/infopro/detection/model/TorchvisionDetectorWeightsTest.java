package org.infopro.detection.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infopro.core.config.RunConfig.PretrainedParts;
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
import org.infopro.detection.DetectionPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * torchvision's {@code fasterrcnn_resnet50_fpn} and {@code maskrcnn_resnet50_fpn} with random
 * weights, and the same weights as mmdetection's {@code faster_rcnn_r50_fpn} / {@code
 * mask_rcnn_r50_fpn} checkpoints ({@code tools/pytorch-reference/torchvision_detection.py}), fill
 * our detectors and give torchvision's C2–C5 features, FPN levels, RPN objectness and deltas, box
 * scores and deltas and mask logits; ours written back load into torchvision strictly.
 */
class TorchvisionDetectorWeightsTest {

    private static final FeatureShape INPUT = new FeatureShape(3, 224, 224);
    private static final int CLASSES = 90; // torchvision's COCO detectors: 91 with the background
    private static final double TOLERANCE = 1e-4;

    @TempDir static Path dir;

    @BeforeAll
    static void writeReferences() throws Exception {
        PyTorch.run("torchvision_detection.py", List.of(dir.toString()));
    }

    @Test
    void theResNetBodyOfATorchvisionDetectorGivesItsFeatures() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                StateDict state =
                        StateDict.read(dir.resolve("fasterrcnn_resnet50_fpn.pth"), manager)) {
            Backbone backbone = new DetectionBackbones().create("faster_rcnn_r50_fpn", INPUT);
            Map<String, NDArray> io = reference("fasterrcnn_resnet50_fpn", manager);
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
            Map<String, NDArray> ours = new LinkedHashMap<>();
            List<NDArray> stages = stages(backbone, manager, io.get("input"));
            for (int c = 2; c <= 5; c++) {
                ours.put("c" + c, stages.get(c - 2));
            }
            assertClose("faster_rcnn_r50_fpn body from torchvision", report, ours, io);
        }
    }

    @Test
    void aWholeTorchvisionFasterRcnnGivesItsPyramidProposalScoresAndBoxes() throws Exception {
        assertWholeDetectorMatches("faster_rcnn_r50_fpn", "fasterrcnn_resnet50_fpn.pth");
    }

    @Test
    void aWholeTorchvisionMaskRcnnGivesItsPyramidProposalScoresBoxesAndMasks() throws Exception {
        assertWholeDetectorMatches("mask_rcnn_r50_fpn", "maskrcnn_resnet50_fpn.pth");
    }

    @Test
    void aMaskRcnnWithTheNamesOfTorchvisionsPublishedCheckpointsLoadsToo() throws Exception {
        assertWholeDetectorMatches("mask_rcnn_r50_fpn", "maskrcnn_resnet50_fpn.legacy.safetensors");
    }

    @Test
    void mmdetectionCheckpointsOfTheSameDetectorsGiveTheSameOutputs() throws Exception {
        assertWholeDetectorMatches("faster_rcnn_r50_fpn", "faster_rcnn_r50_fpn.mmdet.pth");
        assertWholeDetectorMatches("mask_rcnn_r50_fpn", "mask_rcnn_r50_fpn.mmdet.pth");
    }

    @Test
    void aDetectorWrittenBackLoadsStrictlyIntoTorchvisionAndMmdetectionNames() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork network = detector("mask_rcnn_r50_fpn", manager);
            DetectionPlugin task = new DetectionPlugin();
            TorchWeights.load(
                    network,
                    task,
                    dir.resolve("maskrcnn_resnet50_fpn.pth"),
                    PretrainedParts.ALL,
                    manager);
            Path torchvision = dir.resolve("ours-torchvision.pth");
            TorchWeights.export(network, task, torchvision, "backbone.body.", PretrainedParts.ALL);
            String diff =
                    PyTorch.run(
                            "torchvision_detection.py",
                            List.of(
                                    "--check",
                                    "maskrcnn_resnet50_fpn",
                                    torchvision.toString(),
                                    dir.resolve("maskrcnn_resnet50_fpn.io.safetensors")
                                            .toString()));
            assertEquals(0.0, Double.parseDouble(diff.trim()), "torchvision's outputs: " + diff);

            Path mmdet = dir.resolve("ours-mmdet.safetensors");
            TorchWeights.export(network, task, mmdet, "backbone.", PretrainedParts.ALL);
            try (StateDict written = StateDict.read(mmdet, manager);
                    StateDict original =
                            StateDict.read(dir.resolve("mask_rcnn_r50_fpn.mmdet.pth"), manager)) {
                Map<String, NDArray> expected = new LinkedHashMap<>(original.tensors());
                Map<String, NDArray> actual = new LinkedHashMap<>(written.tensors());
                // mmdetection's ResNet counts its batches, as ours writes; the reference was
                // converted from torchvision's frozen batch norms, which do not.
                actual.keySet().removeIf(k -> k.endsWith(".num_batches_tracked"));
                assertEquals(expected.keySet(), actual.keySet());
                for (String key : expected.keySet()) {
                    assertTrue(expected.get(key).contentEquals(actual.get(key)), key);
                }
            }
            System.out.println(
                    "mask_rcnn_r50_fpn written back: torchvision strict, max |difference| " + diff);
        }
    }

    /**
     * Loads the whole detector from {@code file} and compares every part's output with
     * torchvision's.
     */
    private static void assertWholeDetectorMatches(String model, String file) throws Exception {
        boolean masks = model.startsWith("mask");
        String torchvision = masks ? "maskrcnn_resnet50_fpn" : "fasterrcnn_resnet50_fpn";
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork network = detector(model, manager);
            LoadReport report =
                    TorchWeights.load(
                            network,
                            new DetectionPlugin(),
                            dir.resolve(file),
                            PretrainedParts.ALL,
                            manager);
            assertTrue(
                    report.missing().isEmpty()
                            && report.unexpected().isEmpty()
                            && report.mismatched().isEmpty(),
                    report.toString());
            Map<String, NDArray> io = reference(torchvision, manager);
            Map<String, NDArray> expected = inOurLayout(io);
            Map<String, NDArray> ours =
                    outputs(network, (TwoStageHead) network.taskHead(), io, manager);
            assertClose(model + " from " + file, report, ours, expected);
        }
    }

    private static LocalNetwork detector(String model, NDManager manager) {
        return Networks.endToEnd(
                new DetectionBackbones().create(model, INPUT),
                new DetectionPlugin(),
                CLASSES,
                manager);
    }

    /** Our network's outputs for torchvision's inputs, under torchvision's output names. */
    private static Map<String, NDArray> outputs(
            LocalNetwork network, TwoStageHead head, Map<String, NDArray> io, NDManager manager) {
        ParameterStore ps = new ParameterStore(manager, false);
        Map<String, NDArray> ours = new LinkedHashMap<>();
        List<NDArray> stages = stages(network.backbone(), manager, io.get("input"));
        NDList pyramid = head.fpn().forward(ps, new NDList(stages), false);
        for (int level = 2; level <= 6; level++) {
            NDArray p = pyramid.get(level - 2);
            NDList rpn = head.rpnHead().forward(ps, new NDList(p), false);
            ours.put("p" + level, p);
            ours.put("objectness" + level, rpn.get(0));
            ours.put("deltas" + level, rpn.get(1));
        }
        NDList box = head.boxHead().forward(ps, new NDList(io.get("box_rois")), false);
        ours.put("box_scores", box.get(0));
        ours.put("box_deltas", box.get(1));
        if (head.maskHead() != null) {
            ours.put(
                    "mask_logits",
                    head.maskHead().forward(ps, new NDList(io.get("mask_rois")), false).head());
        }
        return ours;
    }

    /**
     * torchvision's outputs laid out as ours: RPN outputs by location then anchor; class scores
     * with the background last; box deltas and mask logits without the background's.
     */
    private static Map<String, NDArray> inOurLayout(Map<String, NDArray> io) {
        Map<String, NDArray> expected = new LinkedHashMap<>();
        for (int level = 2; level <= 6; level++) {
            NDArray objectness = io.get("objectness" + level);
            NDArray deltas = io.get("deltas" + level);
            long n = objectness.getShape().get(0);
            expected.put("p" + level, io.get("p" + level));
            expected.put("objectness" + level, objectness.transpose(0, 2, 3, 1).reshape(n, -1));
            expected.put("deltas" + level, deltas.transpose(0, 2, 3, 1).reshape(n, -1, 4));
        }
        NDArray scores = io.get("box_scores");
        expected.put("box_scores", scores.get(":, 1:").concat(scores.get(":, :1"), 1));
        expected.put("box_deltas", io.get("box_deltas").get(":, 4:"));
        if (io.containsKey("mask_logits")) {
            expected.put("mask_logits", io.get("mask_logits").get(":, 1:"));
        }
        return expected;
    }

    private static void assertClose(
            String what,
            LoadReport report,
            Map<String, NDArray> ours,
            Map<String, NDArray> expected) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, NDArray> entry : ours.entrySet()) {
            NDArray theirs = expected.get(entry.getKey());
            assertEquals(theirs.getShape(), entry.getValue().getShape(), entry.getKey());
            double diff = entry.getValue().sub(theirs).abs().max().getFloat();
            double scale = theirs.abs().max().getFloat();
            text.append(String.format(" %s %.2g (max %.2g)", entry.getKey(), diff, scale));
            assertTrue(diff <= TOLERANCE, entry.getKey() + ": " + diff);
        }
        System.out.println(what + ": " + report + "; max |difference|" + text);
    }

    private static Map<String, NDArray> reference(String torchvision, NDManager manager)
            throws java.io.IOException {
        return SafeTensors.read(dir.resolve(torchvision + ".io.safetensors"), manager);
    }

    /** The outputs of the last block of each stage (C2–C5). */
    private static List<NDArray> stages(Backbone backbone, NDManager manager, NDArray input) {
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
