package org.infopro.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.bench.BenchSuite.Measure;
import org.infopro.core.config.RunConfig;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.spi.SuiteProvider;

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

    /** TSM's optimiser: SGD momentum 0.9 without Nesterov, weight decay 5e-4. */
    private static RunConfig base() {
        RunConfig c = new RunConfig();
        c.task = VideoPlugin.NAME;
        c.nesterov = false;
        c.weightDecay = 5e-4f;
        c.segments = 8;
        return c;
    }

    /**
     * The generated motion clips, narrow ResNet-18 from scratch, 8 segments at 56×56: TSM E2E,
     * InfoPro K=2 and greedy SL K=2, then TSN E2E, the baseline without temporal modelling. Modules
     * are cut evenly by blocks, as in the paper's accuracy tables (the memory-balanced table is the
     * memory suite's).
     */
    static BenchSuite quick(BenchSuite.Overrides o) {
        RunConfig c = base();
        c.dataset = "motion-clips";
        c.backbone = "tsm-r18-narrow";
        c.batch = 8;
        c.evalBatch = 16;
        c.epochs = 8;
        c.lr = 0.05f;
        c.split = SplitPlanner.EVEN;
        c.schedule = "cosine";
        c.augment = true;
        List<RunConfig> cases =
                new ArrayList<>(
                        BenchSuite.grid(
                                c, List.of("e2e", "infopro-softmax", "greedy"), List.of(2), o));
        if (o.selects("e2e")) {
            RunConfig tsn = c.copy();
            tsn.backbone = "tsn-r18-narrow";
            tsn.method = "e2e";
            tsn.k = 1;
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
            RunConfig c = base();
            c.dataset = "motion-clips";
            c.backbone = "tsm-r50";
            c.crop = new int[] {224, 224};
            c.method = k == 1 ? "e2e" : "infopro-softmax";
            c.k = k;
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
        RunConfig c = base();
        c.dataset = "ucf101";
        c.backbone = "tsm-r50";
        c.batch = 64;
        c.evalBatch = 8;
        c.epochs = 25;
        c.lr = 0.01f;
        c.schedule = "cosine";
        c.augment = true;
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
