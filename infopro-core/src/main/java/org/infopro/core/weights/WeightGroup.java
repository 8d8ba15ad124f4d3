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
 */
public record WeightGroup(String name, Block block, List<String> sourcePrefixes) {

    /** A block whose source module has the same name, e.g. {@code layer1.0} ↔ {@code layer1.0.}. */
    public static WeightGroup same(String name, Block block) {
        return new WeightGroup(name, block, List.of(name + "."));
    }
}
