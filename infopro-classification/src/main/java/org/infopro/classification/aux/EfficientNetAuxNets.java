package org.infopro.classification.aux;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.infopro.classification.backbone.MobileBlocks;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.AuxNetFactory;

/**
 * Auxiliary nets for EfficientNet built, as the paper describes them, from mobile inverted
 * bottlenecks and Swish (its exact layer lists are not published; these mirror the ImageNet nets).
 *
 * <p>w: conv1×1(→128)-BN-Swish, upsampling to a quarter of the image, MBConv(→32), upsampling to
 * half, MBConv(→12), upsampling to the image, conv3×3(→3, bias).
 *
 * <p>ψ/φ: MBConv(C→2C, expansion 6, stride 2), conv1×1(→1280)-BN-Swish, global pooling, linear;
 * greedy SL's {@code 0c…} heads stay pool-and-linear.
 */
public final class EfficientNetAuxNets implements AuxNetFactory {

    @Override
    public Block decoder(FeatureShape features, FeatureShape image) {
        return new SequentialBlock()
                .add(MobileBlocks.convBnSwish(128, 1, 1, 1))
                .add(Layers.resize(Math.max(1, image.height() / 4), Math.max(1, image.width() / 4)))
                .add(MobileBlocks.mbConv(128, 32, 1, 3, 1))
                .add(Layers.resize(Math.max(1, image.height() / 2), Math.max(1, image.width() / 2)))
                .add(MobileBlocks.mbConv(32, 12, 1, 3, 1))
                .add(Layers.resize(image.height(), image.width()))
                .add(Layers.conv(image.channels(), 3, 1, true));
    }

    @Override
    public Block classifier(
            FeatureShape features, FeatureShape image, AuxConfig config, int outputs) {
        if (config.convs() == 0) {
            return new CifarAuxNets().classifier(features, image, config, outputs);
        }
        int c = features.channels();
        return new SequentialBlock()
                .add(MobileBlocks.mbConv(c, 2 * c, 6, 3, 2))
                .add(MobileBlocks.convBnSwish(1280, 1, 1, 1))
                .add(Layers.globalAveragePool())
                .add(Layers.linear(1280, outputs));
    }
}
