package org.infopro.core.weights;

import ai.djl.nn.Block;
import java.util.List;

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
 *     another file's names); empty to take the tensors under the prefixes in order
 */
public record WeightGroup(
        String name, Block block, List<String> sourcePrefixes, List<String> sourceNames) {

    /** A group matched by order under its prefixes. */
    public WeightGroup(String name, Block block, List<String> sourcePrefixes) {
        this(name, block, sourcePrefixes, List.of());
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
        List<String> prefixes = layers.stream().map(l -> l + ".").distinct().toList();
        return new WeightGroup(name, block, prefixes, names);
    }
}
