package org.infopro.segmentation.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.nn.Dropout2d;
import org.infopro.core.nn.Layers;
import org.infopro.core.weights.WeightGroup;

/**
 * DeepLab-V3's heads on a dilated ResNet, as mmsegmentation builds {@code deeplabv3_r50-d8}:
 *
 * <ul>
 *   <li>decode head (ASPP) on layer4: image pooling (global pool, 1×1 conv-BN-ReLU, broadcast)
 *       beside a 1×1 branch and 3×3 branches at dilations 12, 24, 36, all {@code channels} wide;
 *       concatenated, fused by a 3×3 conv-BN-ReLU, dropout 0.1, 1×1 conv to the classes;
 *   <li>auxiliary FCN head on layer3: 3×3 conv-BN-ReLU ({@code auxChannels}), dropout 0.1, 1×1 conv
 *       to the classes.
 * </ul>
 *
 * <p>Input: (layer3 features, layer4 features). Output: (decode logits, auxiliary logits), both at
 * the features' resolution (1/8 of the image); the loss and evaluation resize them to the labels.
 */
public final class DeepLabV3Head extends AbstractBlock {

    /** Dilations of the ASPP branches; 1 means a 1×1 conv. */
    public static final int[] DILATIONS = {1, 12, 24, 36};

    /** Dropout before each classifier conv. */
    public static final float DROPOUT = 0.1f;

    private final Block imagePool;
    private final List<Block> branches = new ArrayList<>();
    private final Block decode;
    private final Block auxiliary;

    /**
     * @param classes number of classes
     * @param channels ASPP width (512 as published)
     * @param auxChannels FCN head width (256 as published)
     */
    public DeepLabV3Head(int classes, int channels, int auxChannels) {
        imagePool =
                addChildBlock(
                        "image_pool",
                        new SequentialBlock()
                                .add(Pool.globalAvgPool2dBlock())
                                .add(x -> new NDList(x.head().expandDims(2).expandDims(3)))
                                .add(Layers.convBnRelu(channels, 1, 1, false)));
        for (int dilation : DILATIONS) {
            int kernel = dilation == 1 ? 1 : 3;
            SequentialBlock branch =
                    new SequentialBlock()
                            .add(Layers.conv(channels, kernel, 1, dilation, false))
                            .add(Layers.batchNorm())
                            .add(ai.djl.nn.Activation.reluBlock());
            branches.add(addChildBlock("aspp_d" + dilation, branch));
        }
        decode =
                addChildBlock(
                        "decode",
                        new SequentialBlock()
                                .add(Layers.convBnRelu(channels, 3, 1, false))
                                .add(new Dropout2d(DROPOUT))
                                .add(Layers.pixelClassifier(classes)));
        auxiliary =
                addChildBlock(
                        "auxiliary",
                        new SequentialBlock()
                                .add(Layers.convBnRelu(auxChannels, 3, 1, false))
                                .add(new Dropout2d(DROPOUT))
                                .add(Layers.pixelClassifier(classes)));
    }

    /**
     * The weights under mmsegmentation's names for {@code deeplabv3_r*-d8} ({@code decode_head.}:
     * {@code image_pool.1}, {@code aspp_modules.I}, {@code bottleneck}, {@code conv_seg}; {@code
     * auxiliary_head.}: {@code convs.0}, {@code conv_seg}).
     */
    public List<WeightGroup> weightGroups() {
        List<WeightGroup> groups = new ArrayList<>();
        groups.add(convModule("image_pool", child(imagePool, 2), "decode_head.image_pool.1"));
        for (int i = 0; i < branches.size(); i++) {
            groups.add(
                    convModule(
                            "aspp_d" + DILATIONS[i],
                            branches.get(i),
                            "decode_head.aspp_modules." + i));
        }
        groups.add(convModule("decode", child(decode, 0), "decode_head.bottleneck"));
        groups.add(
                WeightGroup.weightAndBias(
                        "decode.classifier", child(decode, 2), "decode_head.conv_seg"));
        groups.add(convModule("auxiliary", child(auxiliary, 0), "auxiliary_head.convs.0"));
        groups.add(
                WeightGroup.weightAndBias(
                        "auxiliary.classifier", child(auxiliary, 2), "auxiliary_head.conv_seg"));
        return groups;
    }

    /** mmcv's {@code ConvModule}: its convolution {@code conv} and batch norm {@code bn}. */
    private static WeightGroup convModule(String name, Block convBnRelu, String module) {
        return WeightGroup.convBn(name, convBnRelu, List.of(module + ".conv", module + ".bn"));
    }

    private static Block child(Block sequence, int index) {
        return sequence.getChildren().get(index).getValue();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray layer3 = inputs.get(0);
        NDArray layer4 = inputs.get(1);
        NDList parts = new NDList();
        NDArray pooled = imagePool.forward(ps, new NDList(layer4), training).head();
        Shape s = layer4.getShape();
        parts.add(
                pooled.broadcast(
                        new Shape(s.get(0), pooled.getShape().get(1), s.get(2), s.get(3))));
        for (Block branch : branches) {
            parts.add(branch.forward(ps, new NDList(layer4), training).head());
        }
        NDArray fused = NDArrays.concat(parts, 1);
        NDArray logits = decode.forward(ps, new NDList(fused), training).head();
        NDArray auxLogits = auxiliary.forward(ps, new NDList(layer3), training).head();
        return new NDList(logits, auxLogits);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape layer3 = inputShapes[0];
        Shape layer4 = inputShapes[1];
        Shape decodeOut = decode.getOutputShapes(new Shape[] {fusedShape(layer4)})[0];
        Shape auxOut = auxiliary.getOutputShapes(new Shape[] {layer3})[0];
        return new Shape[] {decodeOut, auxOut};
    }

    private Shape fusedShape(Shape layer4) {
        long channels = 0;
        channels += imagePool.getOutputShapes(new Shape[] {layer4})[0].get(1);
        for (Block branch : branches) {
            channels += branch.getOutputShapes(new Shape[] {layer4})[0].get(1);
        }
        return new Shape(layer4.get(0), channels, layer4.get(2), layer4.get(3));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape layer4 = inputShapes[1];
        imagePool.initialize(manager, dataType, layer4);
        for (Block branch : branches) {
            branch.initialize(manager, dataType, layer4);
        }
        decode.initialize(manager, dataType, fusedShape(layer4));
        auxiliary.initialize(manager, dataType, inputShapes[0]);
    }
}
