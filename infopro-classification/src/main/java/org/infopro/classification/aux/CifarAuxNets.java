package org.infopro.classification.aux;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.AuxNetFactory;

/**
 * The auxiliary nets of the paper's CIFAR/SVHN/STL-10 experiments (INFOPRO.md §4.1–4.2), built from
 * the feature shape at the cut.
 *
 * <p>Decoder w: bilinear upsampling (align corners) to the image size first, then conv3×3(C→12,
 * bias)-BN-ReLU and conv3×3(12→image channels, bias); the sigmoid lives in the BCE.
 *
 * <p>Heads ψ/φ ({@code XcYf}): X conv3×3-BN-ReLU layers without bias, global average pooling, then
 * Y linear layers of width 128 ending in {@code outputs}. As in the reference, features at more
 * than a quarter of the image resolution (the first two stages) are downsampled by the first conv
 * (stride 2) and widened to 2C; deeper features keep C at stride 1. On ResNet-32 this gives the
 * reference's 16→32 (s2), 32→64 (s2), 64→64 (s1).
 */
public final class CifarAuxNets implements AuxNetFactory {

    /** Hidden width of the linear layers (feature_dim × widen). */
    public static final int HIDDEN = 128;

    /** Hidden channels of the decoder. */
    public static final int DECODER_CHANNELS = 12;

    @Override
    public Block decoder(FeatureShape features, FeatureShape image) {
        return new SequentialBlock()
                .add(Layers.resize(image.height(), image.width()))
                .add(Layers.convBnRelu(DECODER_CHANNELS, 3, 1, true))
                .add(Layers.conv(image.channels(), 3, 1, true));
    }

    @Override
    public Block classifier(
            FeatureShape features, FeatureShape image, AuxConfig config, int outputs) {
        SequentialBlock head = new SequentialBlock();
        int channels = features.channels();
        if (config.convs() > 0) {
            boolean downsample = features.height() > image.height() / 4;
            int widened = downsample ? 2 * channels : channels;
            head.add(Layers.convBnRelu(widened, 3, downsample ? 2 : 1, false));
            for (int c = 1; c < config.convs(); c++) {
                head.add(Layers.convBnRelu(widened, 3, 1, false));
            }
            channels = widened;
        }
        head.add(Layers.globalAveragePool());
        int in = channels;
        for (int f = 1; f < config.fcs(); f++) {
            head.add(Layers.linear(in, HIDDEN)).add(Activation.reluBlock());
            in = HIDDEN;
        }
        return head.add(Layers.linear(in, outputs));
    }
}
