package org.infopro.video;

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
import org.infopro.video.data.VideoOptions;

/** The video benchmark suites. */
public final class VideoSuites implements SuiteProvider {

    static final List<String> NAMES = List.of("quick", "memory", "paper");

    @Override
    public String task() {
        return "video";
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
                        VideoSuites::quick,
                        "memory",
                        VideoSuites::memory,
                        "paper",
                        VideoSuites::paper),
                o);
    }

    /** TSM's optimiser (SGD momentum 0.9 without Nesterov, weight decay 5e-4) and 8 segments. */
    private static RunConfig.Builder base() {
        return RunConfig.builder()
                .optTask(VideoPlugin.NAME)
                .optNesterov(false)
                .optWeightDecay(5e-4f)
                .optTaskOptions(new VideoOptions(8, 1));
    }

    /**
     * The generated motion clips, narrow ResNet-18 from scratch, 8 segments at 56×56: TSM E2E,
     * InfoPro K=2 and greedy SL K=2, then TSN E2E, the baseline without temporal modelling. Modules
     * are cut evenly by blocks, as in the paper's accuracy tables (the memory-balanced table is the
     * memory suite's).
     */
    static BenchSuite quick(BenchSuite.Overrides o) {
        RunConfig c =
                base().optDataset("motion-clips")
                        .optBackbone("tsm-r18-narrow")
                        .optBatch(8)
                        .optEvalBatch(16)
                        .optEpochs(8)
                        .optLr(0.05f)
                        .optSplit(SplitPlanner.EVEN)
                        .optSchedule("cosine")
                        .optAugment(true)
                        .build();
        List<RunConfig> cases =
                new ArrayList<>(
                        BenchSuite.grid(
                                c, List.of("e2e", "infopro-softmax", "greedy"), List.of(2), o));
        if (o.selects("e2e")) {
            RunConfig tsn =
                    c.toBuilder().optBackbone("tsn-r18-narrow").optMethod("e2e").optK(1).build();
            cases.add(o.apply(tsn));
        }
        return new BenchSuite(
                "quick",
                "motion-clips (1760 train / 220 test clips, 11 motions), TSM/TSN ResNet-18 narrow,"
                        + " 8 segments of 56x56, batch 8 clips, lr 0.05 cosine, 8 epochs, even split",
                cases,
                Measure.ACCURACY);
    }

    /** TSM-R50, 8 segments of 224×224, 2 clips a step (16 frames): E2E vs InfoPro K=2/3/4. */
    static BenchSuite memory(BenchSuite.Overrides o) {
        List<RunConfig> cases = new ArrayList<>();
        for (int k : List.of(1, 2, 3, 4)) {
            RunConfig c =
                    base().optDataset("motion-clips")
                            .optBackbone("tsm-r50")
                            .optCrop(new PixelSize(224, 224))
                            .optMethod(k == 1 ? "e2e" : "infopro-softmax")
                            .optK(k)
                            .build();
            cases.add(o.apply(BenchSuite.fewStepMemoryCase(c, 2)));
        }
        return new BenchSuite(
                "memory",
                "TSM-R50, 8 segments of 224x224, batch 2 clips, peak memory of training steps",
                cases,
                Measure.MEMORY);
    }

    /**
     * TSM's UCF101 protocol from ImageNet-style initialisation: TSM-R50, 8 segments, batch 64, lr
     * 0.01 cosine, 25 epochs, multi-scale crop and flip; E2E, greedy SL, DGL and InfoPro K=2.
     */
    static BenchSuite paper(BenchSuite.Overrides o) {
        RunConfig c =
                base().optDataset("ucf101")
                        .optBackbone("tsm-r50")
                        .optBatch(64)
                        .optEvalBatch(8)
                        .optEpochs(25)
                        .optLr(0.01f)
                        .optSchedule("cosine")
                        .optAugment(true)
                        .build();
        List<RunConfig> cases =
                BenchSuite.grid(
                        c, List.of("e2e", "greedy", "dgl", "infopro-softmax"), List.of(2), o);
        return new BenchSuite(
                "paper",
                "UCF101 split 1, TSM protocol (for a GPU; --data DIR)",
                cases,
                Measure.ACCURACY);
    }
}
