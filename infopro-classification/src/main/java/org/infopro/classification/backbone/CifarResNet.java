package org.infopro.classification.backbone;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.infopro.core.model.SequentialBackbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.nn.Layers;
import org.infopro.core.objective.LambdaSchedule;

/**
 * The CIFAR-style ResNet of the reference code: a 3×3 stem conv, then three stages of basic blocks
 * (widths w, 2w, 4w; stride 2 at the start of stages 2 and 3; 1×1 conv + BN projection shortcuts
 * where the shape changes). Depth 6n+2: ResNet-32 has n = 5, ResNet-110 n = 18.
 *
 * <p>Blocks are named {@code stem} and {@code stageS.blockB} (B 0-based), matching the {@code
 * [stage, block]} entries of the paper's split tables.
 */
public final class CifarResNet extends SequentialBackbone {

    private final ResNetTables tables;

    /**
     * @param name registry name
     * @param input per-sample input shape
     * @param blocksPerStage n
     * @param width stem and first-stage width (16 in the paper)
     * @param tables published splits and λ values (empty for variants without them)
     */
    public CifarResNet(
            String name, FeatureShape input, int blocksPerStage, int width, ResNetTables tables) {
        super(name, input);
        this.tables = tables;
        add(
                "stem",
                Layers.convBnRelu(width, 3, 1, false),
                new FeatureShape(width, input.height(), input.width()));
        int channels = width;
        int height = input.height();
        int widthPx = input.width();
        for (int stage = 1; stage <= 3; stage++) {
            int out = width << (stage - 1);
            for (int b = 0; b < blocksPerStage; b++) {
                int stride = stage > 1 && b == 0 ? 2 : 1;
                height = (height + stride - 1) / stride;
                widthPx = (widthPx + stride - 1) / stride;
                add(
                        "stage" + stage + ".block" + b,
                        basicBlock(channels, out, stride),
                        new FeatureShape(out, height, widthPx));
                channels = out;
            }
        }
    }

    /** conv3×3-BN-ReLU-conv3×3-BN plus shortcut, then ReLU. */
    static Block basicBlock(int in, int out, int stride) {
        SequentialBlock main =
                new SequentialBlock()
                        .add(Layers.convBnRelu(out, 3, stride, false))
                        .add(Layers.conv(out, 3, 1, false))
                        .add(Layers.batchNorm());
        return Layers.residual(main, Layers.shortcut(in, out, stride));
    }

    @Override
    public Map<String, Map<Integer, List<String>>> splitTables() {
        return tables.splits();
    }

    @Override
    public Optional<LambdaSchedule> lambdas(String table, int k) {
        return tables.lambdas(table, k);
    }
}
