package org.infopro.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.bench.BenchSuite.Measure;
import org.infopro.core.config.PixelSize;
import org.infopro.core.config.RunConfig;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.spi.SuiteProvider;

/** The segmentation benchmark suites. */
public final class SegmentationSuites implements SuiteProvider {

    static final List<String> NAMES = List.of("quick", "memory", "paper");

    @Override
    public String task() {
        return "segmentation";
    }

    @Override
    public List<String> suiteNames() {
        return NAMES;
    }

    @Override
    public Optional<BenchSuite> suite(String name, BenchSuite.Overrides o) {
        return BenchSuite.named(
                name,
                Map.of(
                        "quick",
                        SegmentationSuites::quick,
                        "memory",
                        SegmentationSuites::memory,
                        "paper",
                        SegmentationSuites::paper),
                o);
    }

    /** mmsegmentation's optimiser: SGD momentum 0.9, wd 5e-4, poly LR (power 0.9, min 1e-4). */
    private static RunConfig.Builder base() {
        return RunConfig.builder()
                .optTask(SegmentationPlugin.NAME)
                .optNesterov(false)
                .optWeightDecay(5e-4f)
                .optSchedule("poly")
                .optLr(0.01f)
                .optAugment(true);
    }

    /**
     * Generated scenes, narrow ResNet-18-D8 DeepLab-V3: E2E vs DGL vs InfoPro K=2. Trained from
     * scratch for 12 epochs of the 1000 scenes without augmentation: at this budget (about 3–4
     * minutes a case here) augmentation slows learning more than it helps.
     */
    static BenchSuite quick(BenchSuite.Overrides o) {
        RunConfig c =
                base().optDataset("fashion-scenes")
                        .optBackbone("deeplabv3-r18-d8-narrow")
                        .optBatch(8)
                        .optEpochs(12)
                        .optEvalBatch(20)
                        .optLr(0.1f)
                        .optAugment(false)
                        .build();
        List<RunConfig> cases =
                BenchSuite.grid(c, List.of("e2e", "dgl", "infopro-softmax"), List.of(2), o);
        return new BenchSuite(
                "quick",
                "fashion-scenes 96x128 (1000 train / 200 val), DeepLab-V3 R18-D8 narrow, batch 8,"
                        + " lr 0.1 poly, 12 epochs",
                cases,
                Measure.ACCURACY);
    }

    /**
     * DeepLab-V3 R50/R101-D8 at 256×512 crops (the scenes padded, label 255): E2E vs InfoPro K=2
     * (the paper's split and the even one); memory is shape-driven, so padding does not matter.
     */
    static BenchSuite memory(BenchSuite.Overrides o) {
        List<RunConfig> cases = new ArrayList<>();
        for (String backbone : List.of("deeplabv3-r50-d8", "deeplabv3-r101-d8")) {
            for (String split : List.of("e2e", SplitPlanner.PAPER, SplitPlanner.EVEN)) {
                RunConfig c =
                        base().optDataset("fashion-scenes")
                                .optBackbone(backbone)
                                .optMethod(split.equals("e2e") ? "e2e" : "infopro-softmax")
                                .optK(split.equals("e2e") ? 1 : 2)
                                .optSplit(split.equals("e2e") ? SplitPlanner.PAPER : split)
                                .optCrop(new PixelSize(256, 512))
                                .build();
                cases.add(o.apply(BenchSuite.fewStepMemoryCase(c, 2)));
            }
        }
        return new BenchSuite(
                "memory",
                "DeepLab-V3 R50/R101-D8, 256x512 crops, batch 2, peak memory of training steps",
                cases,
                Measure.MEMORY);
    }

    /**
     * Cityscapes, 512x1024 crops, batch 8, 40k iterations (≈108 epochs of 2975 images), λ (1.5, 1).
     */
    static BenchSuite paper(BenchSuite.Overrides o) {
        RunConfig c =
                base().optDataset("cityscapes")
                        .optBackbone("deeplabv3-r101-d8")
                        .optBatch(8)
                        .optEpochs(108)
                        .optEvalBatch(1)
                        .build();
        List<RunConfig> cases =
                BenchSuite.grid(c, List.of("e2e", "dgl", "infopro-softmax"), List.of(2), o);
        return new BenchSuite(
                "paper",
                "Cityscapes 40k-iteration protocol (for a GPU; --data DIR, and --pretrained"
                        + " resnet50_v1c/resnet101_v1c for the paper's ImageNet start)",
                cases,
                Measure.ACCURACY);
    }
}
