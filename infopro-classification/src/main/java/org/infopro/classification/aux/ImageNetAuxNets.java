package org.infopro.classification.aux;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.AuxNetFactory;

/**
 * The auxiliary nets of the paper's ImageNet experiments (INFOPRO.md §4.3).
 *
 * <p>w: conv1×1(→128)-BN-ReLU, then bilinear upsampling steps to the image with conv3×3(→32) and
 * conv3×3(→12) between them, ending in conv3×3(→3); on the paper's stride-8 cut (512×28×28 for a
 * 224 image) this is the published ×2, ×2, ×2 decoder.
 *
 * <p>ψ/φ: conv1×1(C→128)-BN-ReLU, conv3×3/2(→256)-BN-ReLU, conv3×3/2(→512)-BN-ReLU,
 * conv1×1(→2048)-BN-ReLU, global pooling, one linear layer, whatever the configured depth (the
 * paper's ImageNet ψ has no variants); greedy SL's {@code 0c…} heads stay pool-and-linear.
 */
public final class ImageNetAuxNets implements AuxNetFactory {

    @Override
    public Block decoder(FeatureShape features, FeatureShape image) {
        return Layers.upsamplingDecoder(features, image);
    }

    @Override
    public Block classifier(
            FeatureShape features, FeatureShape image, AuxConfig config, int outputs) {
        if (config.convs() == 0) {
            return new CifarAuxNets().classifier(features, image, config, outputs);
        }
        return new SequentialBlock()
                .add(Layers.convBnRelu(128, 1, 1, false))
                .add(Layers.convBnRelu(256, 3, 2, false))
                .add(Layers.convBnRelu(512, 3, 2, false))
                .add(Layers.convBnRelu(2048, 1, 1, false))
                .add(Layers.globalAveragePool())
                .add(Layers.linear(2048, outputs));
    }
}
