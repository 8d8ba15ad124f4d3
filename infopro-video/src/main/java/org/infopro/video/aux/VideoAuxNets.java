package org.infopro.video.aux;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.AuxNetFactory;
import org.infopro.video.model.Consensus;

/**
 * The auxiliary nets for TSM's per-frame features, after the paper's ImageNet ones (INFOPRO.md
 * §4.3), which TSM's ImageNet ResNet shares.
 *
 * <p>w reconstructs every frame: {@link Layers#upsamplingDecoder}, BCE against the restored frame.
 *
 * <p>ψ/φ classify the clip: per frame conv1×1(C→C/4)-BN-ReLU, conv3×3(→C/2, stride 2)-BN-ReLU,
 * conv3×3(→C, stride 2)-BN-ReLU, conv1×1(→4C)-BN-ReLU, global average pooling, then a linear layer;
 * the clip's frames are averaged (TSN consensus) before the loss. On ResNet-101's layer2 (C=512)
 * these are the paper's 128/256/512/2048 widths; features narrower than {@value #MIN_WIDTH}
 * channels get the widths of {@value #MIN_WIDTH}. Strides fall to 1 on maps smaller than 4 pixels.
 * A depth with no convs ({@code 0c1f}, greedy SL's head) is pooling and the linear layer alone.
 */
public final class VideoAuxNets implements AuxNetFactory {

    /**
     * ψ's widths are set by at least this many channels: on narrow features (16 channels after a
     * narrow ResNet-18's layer1) the paper's C/4 bottleneck would leave 4 channels, too few to
     * carry the motion the clip's label depends on.
     */
    static final int MIN_WIDTH = 128;

    @Override
    public Block decoder(FeatureShape features, FeatureShape image) {
        return Layers.upsamplingDecoder(features, image);
    }

    @Override
    public Block classifier(
            FeatureShape features, FeatureShape image, AuxConfig config, int outputs) {
        SequentialBlock head = new SequentialBlock();
        int channels = features.channels();
        if (config.convs() > 0) {
            int c = Math.max(channels, MIN_WIDTH);
            int h = features.height();
            int first = h >= 4 ? 2 : 1;
            int second = (h + first - 1) / first >= 4 ? 2 : 1;
            head.add(Layers.convBnRelu(c / 4, 1, 1, false))
                    .add(Layers.convBnRelu(c / 2, 3, first, false))
                    .add(Layers.convBnRelu(c, 3, second, false))
                    .add(Layers.convBnRelu(4 * c, 1, 1, false));
            channels = 4 * c;
        }
        return head.add(Layers.globalAveragePool()).add(Layers.linear(channels, outputs));
    }

    /** The clip's prediction: the mean over its frames' rows. */
    @Override
    public NDArray perSample(NDArray outputs, TrainingBatch batch) {
        return Consensus.average(outputs, batch.labels().head().getShape().get(0));
    }
}
