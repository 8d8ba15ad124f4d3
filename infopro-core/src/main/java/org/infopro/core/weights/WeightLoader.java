package org.infopro.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Copies a state dict's tensors into our blocks, group by group (see {@link WeightGroup}). */
public final class WeightLoader {

    /** Buffers PyTorch keeps that have no counterpart in DJL's layers. */
    private static final List<String> IGNORED_SUFFIXES = List.of(".num_batches_tracked");

    private WeightLoader() {}

    /**
     * Loads every group; the blocks must be initialised. Nothing is loaded into a parameter whose
     * shape differs from its tensor's.
     *
     * @return what matched, what is missing, unexpected or mismatched
     */
    public static LoadReport load(List<WeightGroup> groups, StateDict source) {
        List<String> matched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Set<String> unused = new LinkedHashSet<>(source.tensors().keySet());
        for (String name : source.tensors().keySet()) {
            if (IGNORED_SUFFIXES.stream().anyMatch(name::endsWith)) {
                ignored.add(name);
                unused.remove(name);
            }
        }
        for (WeightGroup group : groups) {
            List<Pair<String, Parameter>> ours = group.block().getParameters().stream().toList();
            List<String> names = sourceNames(group, unused, ours.size());
            for (int i = 0; i < ours.size(); i++) {
                String parameter = ours.get(i).getKey();
                String here = group.name() + ":" + parameter;
                if (i >= names.size()) {
                    missing.add(here);
                    continue;
                }
                String there = names.get(i);
                unused.remove(there);
                NDArray target = ours.get(i).getValue().getArray();
                NDArray tensor = source.get(there);
                if (tensor == null) {
                    missing.add(there + " (" + here + ")");
                    continue;
                }
                TensorLayout layout = group.layoutOf(parameter);
                NDArray laidOut = layout == null ? tensor : layout.toOurs(tensor);
                try {
                    if (!target.getShape().equals(laidOut.getShape())) {
                        mismatched.add(
                                there
                                        + ": file "
                                        + tensor.getShape()
                                        + ", here "
                                        + target.getShape()
                                        + " ("
                                        + here
                                        + ")");
                        continue;
                    }
                    copy(laidOut, target);
                    matched.add(there);
                } finally {
                    if (laidOut != tensor) {
                        laidOut.close();
                    }
                }
            }
        }
        return new LoadReport(matched, missing, new ArrayList<>(unused), mismatched, ignored);
    }

    /**
     * The group's exact source names when the candidates have them all; else the candidates under
     * its prefixes, in order, when there are as many as the block has parameters (or the group
     * knows no exact names).
     */
    private static List<String> sourceNames(
            WeightGroup group, Set<String> candidates, int parameters) {
        List<String> exact = group.sourceNames();
        if (!exact.isEmpty() && candidates.containsAll(exact)) {
            return exact;
        }
        List<String> under = namesUnder(group.sourcePrefixes(), candidates);
        return exact.isEmpty() || under.size() == parameters ? under : exact;
    }

    /** The unused source names under the prefixes, prefix by prefix, each in the file's order. */
    private static List<String> namesUnder(List<String> prefixes, Set<String> unused) {
        List<String> names = new ArrayList<>();
        for (String prefix : prefixes) {
            for (String name : unused) {
                if (name.startsWith(prefix)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static void copy(NDArray tensor, NDArray target) {
        try (NDArray converted = tensor.toType(target.getDataType(), true)) {
            if (target.getDataType() == DataType.FLOAT32) {
                target.set(java.nio.FloatBuffer.wrap(converted.toFloatArray()));
            } else {
                target.set(converted.toByteBuffer());
            }
        }
    }

    /**
     * Writes our parameters as a state dict under another library's names ({@code .safetensors},
     * else {@code torch.save}'s zip format, by the file's name): {@code scheme} lists that
     * library's keys in its order (e.g. those of the file the weights came from; empty to take the
     * groups' own exact names), and the buffers it keeps that we do not ({@code
     * num_batches_tracked}) are written as 0, so that PyTorch's strict {@code load_state_dict}
     * takes the file.
     *
     * @throws IllegalArgumentException when a group's parameters and the scheme's names differ in
     *     number
     */
    public static void export(Path file, List<WeightGroup> groups, List<String> scheme)
            throws java.io.IOException {
        if (scheme.isEmpty()) {
            scheme = stateDictNames(groups);
        }
        Set<String> names = new LinkedHashSet<>(scheme);
        names.removeIf(n -> IGNORED_SUFFIXES.stream().anyMatch(n::endsWith));
        try (NDManager scratch = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            Map<String, NDArray> ours = new LinkedHashMap<>();
            for (WeightGroup group : groups) {
                List<Pair<String, Parameter>> params =
                        group.block().getParameters().stream().toList();
                List<String> under = sourceNames(group, names, params.size());
                if (under.size() != params.size()) {
                    throw new IllegalArgumentException(
                            group.name()
                                    + " has "
                                    + params.size()
                                    + " parameters and the naming scheme "
                                    + under.size()
                                    + " names for it");
                }
                for (int i = 0; i < params.size(); i++) {
                    NDArray array = params.get(i).getValue().getArray();
                    NDArray onCpu = array.toDevice(ai.djl.Device.cpu(), true);
                    onCpu.attach(scratch);
                    TensorLayout layout = group.layoutOf(params.get(i).getKey());
                    ours.put(under.get(i), layout == null ? onCpu : layout.toSource(onCpu));
                    names.remove(under.get(i));
                }
            }
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (String name : scheme) {
                if (ours.containsKey(name)) {
                    out.put(name, ours.get(name));
                } else if (IGNORED_SUFFIXES.stream().anyMatch(name::endsWith)) {
                    out.put(name, scratch.create(0L));
                }
            }
            exportTensors(file, out);
        }
    }

    /**
     * The names of groups that know them exactly, each batch norm's {@code num_batches_tracked}
     * after its running variance, as PyTorch orders a state dict.
     */
    public static List<String> stateDictNames(List<WeightGroup> groups) {
        List<String> scheme = new ArrayList<>();
        for (WeightGroup group : groups) {
            if (group.sourceNames().isEmpty()) {
                throw new IllegalArgumentException(
                        group.name() + ": its names are not known exactly; give a naming scheme");
            }
            for (String name : group.sourceNames()) {
                scheme.add(name);
                if (name.endsWith(".running_var")) {
                    scheme.add(
                            name.substring(0, name.length() - "running_var".length())
                                    + "num_batches_tracked");
                }
            }
        }
        return scheme;
    }

    /**
     * Writes named tensors as a state dict: {@code .safetensors}, else {@code torch.save}'s zip
     * format, by the file's name.
     */
    public static void exportTensors(Path file, Map<String, NDArray> tensors)
            throws java.io.IOException {
        if (SafeTensors.isSafeTensors(file)) {
            SafeTensors.write(file, tensors, Map.of("format", "pt"));
        } else {
            TorchZip.write(file, tensors);
        }
    }
}
