package org.infopro.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.bench.BenchSuite.Measure;
import org.infopro.core.config.PixelSize;
import org.infopro.core.config.RunConfig;
import org.infopro.core.spi.SuiteProvider;

/** The detection benchmark suites. */
public final class DetectionSuites implements SuiteProvider {

    static final List<String> NAMES = List.of("quick", "memory", "paper");

    @Override
    public String task() {
        return "detection";
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
                        DetectionSuites::quick,
                        "memory",
                        DetectionSuites::memory,
                        "paper",
                        DetectionSuites::paper),
                o);
    }

    /** mmdetection's optimiser: SGD momentum 0.9 without Nesterov, weight decay 1e-4. */
    private static RunConfig.Builder base() {
        return RunConfig.builder()
                .optTask(DetectionPlugin.NAME)
                .optNesterov(false)
                .optWeightDecay(1e-4f);
    }

    /**
     * The generated fashion-coco set, narrow ResNet-18-FPN from scratch: Faster R-CNN and Mask
     * R-CNN, each E2E, InfoPro K=2 and DGL K=2. Two cases run at once on one thread each: these
     * small detectors are bound by per-operation overheads, so one thread steps as fast as two and
     * two cases side by side finish about 1.5× sooner.
     */
    static BenchSuite quick(BenchSuite.Overrides o) {
        RunConfig c =
                base().optDataset("fashion-coco")
                        .optBatch(8)
                        .optEvalBatch(25)
                        .optEpochs(2)
                        .optEvalEvery(2) // the test split once, at the end
                        .optLr(0.02f)
                        .optWarmupSteps(50)
                        .optSchedule("cosine")
                        .optAugment(true)
                        .build();
        List<RunConfig> cases = bothModels(c, "_r18n_fpn", o);
        return new BenchSuite(
                "quick",
                "fashion-coco (2000 train / 250 val scenes of 128x128, 10 classes), narrow"
                        + " ResNet-18-FPN from scratch, batch 8, lr 0.02 cosine after 50 warm-up steps,"
                        + " 2 epochs; two cases at a time",
                cases,
                Measure.ACCURACY,
                2);
    }

    /** Faster R-CNN R50-FPN on 512-pixel inputs, 2 images a step: E2E vs InfoPro K=2/3. */
    static BenchSuite memory(BenchSuite.Overrides o) {
        List<RunConfig> cases = new ArrayList<>();
        for (int k : List.of(1, 2, 3)) {
            RunConfig c =
                    base().optDataset("fashion-coco")
                            .optBackbone("faster_rcnn_r50_fpn")
                            .optCrop(new PixelSize(512, 512))
                            .optLr(0.01f)
                            .optWarmupSteps(100)
                            .optMethod(k == 1 ? "e2e" : "infopro-softmax")
                            .optK(k)
                            .build();
            cases.add(o.apply(BenchSuite.fewStepMemoryCase(c, 2)));
        }
        return new BenchSuite(
                "memory",
                "Faster R-CNN R50-FPN, fashion-coco scenes resized to 512x512, batch 2,"
                        + " peak memory of training steps",
                cases,
                Measure.MEMORY);
    }

    /**
     * COCO 1× schedule (for a GPU; {@code --data DIR} with COCO 2017): 12 epochs, batch 16, lr 0.02
     * stepped ×0.1 after epochs 8 and 11, 1333×800; Faster and Mask R-CNN R50-FPN, E2E, InfoPro K=2
     * and DGL K=2.
     */
    static BenchSuite paper(BenchSuite.Overrides o) {
        RunConfig c =
                base().optDataset("coco")
                        .optBatch(16)
                        .optEvalBatch(2)
                        .optEpochs(12)
                        .optLr(0.02f)
                        .optWarmupSteps(500)
                        .optSchedule("step:8,11")
                        .optAugment(true)
                        .build();
        List<RunConfig> cases = bothModels(c, "_r50_fpn", o);
        return new BenchSuite(
                "paper",
                "COCO 2017, mmdetection 1x schedule (for a GPU; --data DIR, and --pretrained an"
                        + " ImageNet ResNet-50 for the paper's start)",
                cases,
                Measure.ACCURACY);
    }

    /** Faster and Mask R-CNN on one backbone, each E2E, InfoPro K=2 and DGL K=2. */
    private static List<RunConfig> bothModels(
            RunConfig base, String backbone, BenchSuite.Overrides o) {
        List<RunConfig> cases = new ArrayList<>();
        for (String model : List.of("faster_rcnn", "mask_rcnn")) {
            RunConfig c = base.toBuilder().optBackbone(model + backbone).build();
            cases.addAll(
                    BenchSuite.grid(c, List.of("e2e", "infopro-softmax", "dgl"), List.of(2), o));
        }
        return cases;
    }
}
