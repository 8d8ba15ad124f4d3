package org.infopro.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.config.RunConfig.PretrainedParts;
import org.infopro.core.model.Backbone;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.spi.TaskPlugin;
import org.infopro.core.weights.LoadReport;
import org.infopro.core.weights.StateDict;
import org.infopro.core.weights.WeightGroup;
import org.infopro.core.weights.WeightLoader;

/**
 * A network's weights in PyTorch's names (the backbone's {@link Backbone#weightGroups}, the task
 * head's {@link TaskPlugin#headWeightGroups}): loaded from a {@code torch.save} or safetensors
 * file, or written as a safetensors state dict that PyTorch's {@code load_state_dict} takes.
 */
public final class TorchWeights {

    /** Where torchvision's detectors keep their ResNet body. */
    private static final String TORCHVISION_DETECTOR = "backbone.body.";

    private TorchWeights() {}

    /**
     * Fills the backbone (and with {@link PretrainedParts#ALL} the task head) from {@code file}; an
     * mmsegmentation or mmdetection checkpoint's {@code backbone.} prefix, or a torchvision
     * detector's {@code backbone.body.}, is found by itself.
     *
     * @return what matched, what is missing, unexpected or mismatched
     * @throws IllegalArgumentException when the backbone or head has no PyTorch naming, or none of
     *     the file's tensors fits
     */
    public static LoadReport load(
            LocalNetwork network,
            TaskPlugin task,
            Path file,
            PretrainedParts parts,
            NDManager manager)
            throws IOException {
        Backbone net = network.backbone();
        requireNaming(net);
        try (StateDict state = StateDict.read(file, manager)) {
            List<WeightGroup> groups =
                    groups(net, network.taskHead(), task, prefixOf(net, state), parts);
            LoadReport report = WeightLoader.load(groups, state);
            if (report.matched().isEmpty()) {
                throw new IllegalArgumentException(
                        "--pretrained "
                                + file
                                + ": none of its "
                                + state.tensors().size()
                                + " tensors fit backbone "
                                + net.name()
                                + " (its first names: "
                                + String.join(
                                        ", ", state.tensors().keySet().stream().limit(3).toList())
                                + ")");
            }
            return report;
        }
    }

    /**
     * Writes the backbone (and with {@link PretrainedParts#ALL} the task head) as a state dict in
     * PyTorch's names ({@code .safetensors}, else {@code torch.save}'s zip), the backbone under
     * {@code prefix} (e.g. {@code backbone.} as mmsegmentation and mmdetection keep it, {@code
     * backbone.body.} as torchvision's detectors do), which also chooses whose names the head gets.
     */
    public static void export(
            LocalNetwork network, TaskPlugin task, Path file, String prefix, PretrainedParts parts)
            throws IOException {
        export(network.backbone(), network.taskHead(), task, file, prefix, parts);
    }

    /**
     * The same for a backbone and its task head, e.g. those of an {@link
     * org.infopro.core.inference.InferenceModel}'s network.
     */
    public static void export(
            Backbone backbone,
            Block head,
            TaskPlugin task,
            Path file,
            String prefix,
            PretrainedParts parts)
            throws IOException {
        requireNaming(backbone);
        List<WeightGroup> groups = groups(backbone, head, task, prefix, parts);
        List<String> names = new ArrayList<>(WeightLoader.stateDictNames(groups));
        if (prefix.equals(TORCHVISION_DETECTOR)) {
            // torchvision's detectors freeze their batch norms, which then count no batches
            names.removeIf(name -> name.endsWith(".num_batches_tracked"));
        }
        WeightLoader.export(file, groups, names);
    }

    private static void requireNaming(Backbone net) {
        if (net.weightGroups("").isEmpty()) {
            throw new IllegalArgumentException(
                    "backbone "
                            + net.name()
                            + " has no PyTorch naming (torchvision's ResNets, ResNeXts,"
                            + " DenseNet-121 and EfficientNet-B0, timm's DeiTs, mmsegmentation's"
                            + " ResNetV1c and the detectors' and video backbones' ResNets have)");
        }
    }

    private static List<WeightGroup> groups(
            Backbone backbone, Block head, TaskPlugin task, String prefix, PretrainedParts parts) {
        List<WeightGroup> groups = new ArrayList<>(backbone.weightGroups(prefix));
        if (parts == PretrainedParts.ALL) {
            List<WeightGroup> named = task.headWeightGroups(backbone, head, prefix);
            if (named.isEmpty()) {
                throw new IllegalArgumentException(
                        "task "
                                + task.name()
                                + " has no PyTorch naming for its head; take the backbone only");
            }
            groups.addAll(named);
        }
        return groups;
    }

    /**
     * Where the backbone's weights sit in the file: at the top (torchvision's classifiers), under
     * {@code backbone.} (mmsegmentation, mmdetection) or {@code backbone.body.} (torchvision's
     * detectors); the one that names the most tensors.
     */
    public static String prefixOf(Backbone net, StateDict state) {
        String best = "";
        long most = -1;
        for (String prefix : List.of("", "backbone.", TORCHVISION_DETECTOR)) {
            List<String> starts =
                    net.weightGroups(prefix).stream()
                            .flatMap(g -> g.sourcePrefixes().stream())
                            .toList();
            long named =
                    state.tensors().keySet().stream()
                            .filter(k -> starts.stream().anyMatch(k::startsWith))
                            .count();
            if (named > most) {
                best = prefix;
                most = named;
            }
        }
        return best;
    }
}
