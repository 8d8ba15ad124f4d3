package org.infopro.core.weights;

import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of our blocks and the names its weights have in another library's state dict: the block's
 * parameters, in DJL's order, take the tensors under {@code sourcePrefixes}, in the file's order
 * (which is the order PyTorch registered the modules in), shape by shape.
 *
 * @param name our name for the block, e.g. {@code layer1.0}
 * @param block the block whose parameters are filled
 * @param sourcePrefixes e.g. {@code conv1.} and {@code bn1.} for torchvision's stem
 * @param sourceNames the source's name of each of the block's parameters, in DJL's order, when they
 *     are known exactly (then tensors are matched by name, and weights can be written back without
 *     another file's names); empty to take the tensors under the prefixes in order. A file that
 *     lacks one of them but has as many tensors under the prefixes is matched by order (an older
 *     release of the library may name a wrapped module differently, e.g. torchvision's {@code
 *     inner_blocks.0.weight} for {@code inner_blocks.0.0.weight})
 * @param layouts by our parameter's name in the block ({@code weight}, {@code bias}), the tensors
 *     the source lays out differently
 */
public record WeightGroup(
        String name,
        Block block,
        List<String> sourcePrefixes,
        List<String> sourceNames,
        Map<String, TensorLayout> layouts) {

    public WeightGroup {
        sourcePrefixes = List.copyOf(sourcePrefixes);
        sourceNames = List.copyOf(sourceNames);
        layouts = Map.copyOf(layouts);
    }

    /** A group whose tensors are laid out as ours, by their exact names (if any). */
    public WeightGroup(
            String name, Block block, List<String> sourcePrefixes, List<String> sourceNames) {
        this(name, block, sourcePrefixes, sourceNames, Map.of());
    }

    /** A group matched by order under its prefixes. */
    public WeightGroup(String name, Block block, List<String> sourcePrefixes) {
        this(name, block, sourcePrefixes, List.of());
    }

    /**
     * A block with a weight and a bias under one source module, e.g. {@code neck.fpn_convs.0.conv}
     * (a convolution or a linear layer).
     */
    public static WeightGroup weightAndBias(String name, Block block, String module) {
        return new WeightGroup(
                name, block, List.of(module + "."), List.of(module + ".weight", module + ".bias"));
    }

    /** This group with {@code parameter} (our name in the block) laid out as {@code layout}. */
    public WeightGroup withLayout(String parameter, TensorLayout layout) {
        Map<String, TensorLayout> more = new LinkedHashMap<>(layouts);
        more.put(parameter, layout);
        return new WeightGroup(name, block, sourcePrefixes, sourceNames, more);
    }

    /** The layout of our parameter {@code parameter} in the source, if it differs from ours. */
    TensorLayout layoutOf(String parameter) {
        return layouts.get(parameter);
    }

    /** A block whose source module has the same name, e.g. {@code layer1.0} ↔ {@code layer1.0.}. */
    public static WeightGroup same(String name, Block block) {
        return new WeightGroup(name, block, List.of(name + "."));
    }

    /**
     * A block of convolutions each followed by a batch norm, as PyTorch names them: {@code layers}
     * alternate a convolution ({@code .weight}) and a batch norm ({@code .weight}, {@code .bias},
     * {@code .running_mean}, {@code .running_var}), e.g. {@code conv1, bn1, conv2, bn2}.
     */
    public static WeightGroup convBn(String name, Block block, List<String> layers) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String layer = layers.get(i);
            if (i % 2 == 0) {
                names.add(layer + ".weight");
            } else {
                for (String p : List.of("weight", "bias", "running_mean", "running_var")) {
                    names.add(layer + "." + p);
                }
            }
        }
        List<String> prefixes = layers.stream().map(WeightGroup::moduleOf).distinct().toList();
        return new WeightGroup(name, block, prefixes, names);
    }

    /**
     * The prefix under which a layer's tensors are looked for by order: a layer that is an entry of
     * a sequence ({@code downsample.0}) is looked for under the sequence ({@code downsample.}),
     * where libraries that name its layers otherwise keep them too (mmcv's {@code downsample.conv},
     * {@code downsample.bn}).
     */
    private static String moduleOf(String layer) {
        int dot = layer.lastIndexOf('.');
        boolean entry = dot >= 0 && layer.substring(dot + 1).chars().allMatch(Character::isDigit);
        return entry ? layer.substring(0, dot + 1) : layer + ".";
    }
}
