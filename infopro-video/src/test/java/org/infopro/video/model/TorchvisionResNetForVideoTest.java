package org.infopro.video.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
import org.infopro.video.VideoPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TSM and TSN start from torchvision's ImageNet ResNets, as TSM's own training does: the shift has
 * no weights, so a torchvision {@code resnet18} state dict fills both, and TSN, which processes the
 * frames independently, then gives torchvision's logits frame by frame. The same weights in
 * mmaction2's names (ConvModules, the shift's {@code .net}, {@code cls_head.fc_cls}) fill TSN and
 * its classifier alike.
 */
class TorchvisionResNetForVideoTest {

    private static final FeatureShape FRAME = new FeatureShape(3, 224, 224);
    private static final double TOLERANCE = 1e-4;

    @TempDir Path dir;

    @Test
    void aTorchvisionResNetFillsTsmAndTsnAndTsnGivesItsLogitsPerFrame() throws Exception {
        PyTorch.run("torchvision_models.py", List.of(dir.toString(), "resnet18"));
        try (NDManager manager = NDManager.newBaseManager();
                StateDict state = StateDict.read(dir.resolve("resnet18.pth"), manager)) {
            Map<String, NDArray> io =
                    SafeTensors.read(dir.resolve("resnet18.io.safetensors"), manager);
            Backbone tsm = new VideoBackbones().create("tsm-r18", FRAME);
            Networks.initializeBlocks(tsm, manager, new Shape(8, 3, 224, 224));
            LoadReport shifted = WeightLoader.load(tsm.weightGroups(""), state);
            assertEquals(List.of("fc.weight", "fc.bias"), shifted.unexpected(), "" + shifted);
            assertTrue(shifted.missing().isEmpty() && shifted.mismatched().isEmpty(), "" + shifted);

            Backbone tsn = new VideoBackbones().create("tsn-r18", FRAME);
            NDArray frames = io.get("input");
            Networks.initializeBlocks(tsn, manager, frames.getShape());
            LoadReport report = WeightLoader.load(tsn.weightGroups(""), state);
            assertEquals(100, report.matched().size(), report.toString());
            List<NDArray> outputs =
                    List.copyOf(Networks.blockOutputs(tsn, manager, frames).values());
            NDArray pooled =
                    outputs.get(outputs.size() - 1).mean(new int[] {3}).mean(new int[] {2});
            NDArray logits =
                    pooled.matMul(state.get("fc.weight").transpose()).add(state.get("fc.bias"));
            double diff = logits.sub(io.get("output")).abs().max().getFloat();
            System.out.printf(
                    "tsm-r18 / tsn-r18 from torchvision resnet18: %s; TSN logits max |difference|"
                            + " %.2g%n",
                    report, diff);
            assertTrue(diff <= TOLERANCE, "TSN logits: " + diff);
        }
    }

    @Test
    void anMmactionCheckpointFillsTheBackboneAndTheClassifierAndGivesItsLogits() throws Exception {
        PyTorch.run("mmaction_tsm.py", List.of(dir.toString(), "resnet18"));
        try (NDManager manager = NDManager.newBaseManager()) {
            VideoPlugin task = new VideoPlugin();
            LocalNetwork network =
                    Networks.endToEnd(
                            new VideoBackbones().create("tsn-r18", FRAME), task, 1000, manager);
            LoadReport report =
                    TorchWeights.load(
                            network,
                            task,
                            dir.resolve("tsm_resnet18.mmaction.pth"),
                            RunConfig.PretrainedParts.ALL,
                            manager);
            assertTrue(report.isComplete() && report.unexpected().isEmpty(), report.toString());
            assertEquals(102, report.matched().size(), report.toString());
            Map<String, NDArray> io =
                    SafeTensors.read(dir.resolve("tsm_resnet18.io.safetensors"), manager);
            List<NDArray> outputs =
                    List.copyOf(
                            Networks.blockOutputs(network.backbone(), manager, io.get("input"))
                                    .values());
            NDArray logits =
                    network.taskHead()
                            .forward(
                                    new ParameterStore(manager, false),
                                    new NDList(outputs.get(outputs.size() - 1)),
                                    false)
                            .head();
            double diff = logits.sub(io.get("output")).abs().max().getFloat();
            System.out.printf(
                    "tsn-r18 from an mmaction2 checkpoint: %s; logits max |difference| %.2g%n",
                    report, diff);
            assertTrue(diff <= TOLERANCE, "logits: " + diff);
        }
    }
}
