package org.infopro.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.bench.BenchSuite.Measure;
import org.infopro.core.config.RunConfig;
import org.infopro.core.model.MemoryBalancedPlanner;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.spi.SuiteProvider;

/** The classification benchmark suites. */
public final class ClassificationSuites implements SuiteProvider {

    static final List<String> NAMES =
            List.of("quick", "standard", "memory", "speed", "async", "paper");
    static final List<String> METHODS =
            List.of("e2e", "greedy", "dgl", "infopro-softmax", "infopro-contrast");

    @Override
    public String task() {
        return "classification";
    }

    @Override
    public List<String> suiteNames() {
        return NAMES;
    }

    @Override
    public Optional<BenchSuite> suite(String name, BenchSuite.Overrides overrides) {
        switch (name) {
            case "quick":
                return Optional.of(quick(overrides));
            case "standard":
                return Optional.of(standard(overrides));
            case "memory":
                return Optional.of(memory(overrides));
            case "speed":
                return Optional.of(speed(overrides));
            case "async":
                return Optional.of(async(overrides));
            case "paper":
                return Optional.of(paper(overrides));
            default:
                return Optional.empty();
        }
    }

    /** Fashion-MNIST, ResNet-32, every method at K = 2, 4 on a subset: the first look. */
    static BenchSuite quick(BenchSuite.Overrides o) {
        RunConfig base =
                RunConfig.builder().optTrainLimit(6400).optTestLimit(2000).optBatch(64).build();
        return new BenchSuite(
                "quick",
                "Fashion-MNIST subset (6400 train / 2000 test), ResNet-32, batch 64, 1 epoch",
                BenchSuite.grid(base, METHODS, List.of(2, 4), o),
                Measure.ACCURACY);
    }

    /** The full Fashion-MNIST protocol: 60k/10k, batch 128, cosine per step, 1 epoch by default. */
    static BenchSuite standard(BenchSuite.Overrides o) {
        return new BenchSuite(
                "standard",
                "Fashion-MNIST 60k/10k, ResNet-32, batch 128, SGD Nesterov lr 0.1 cosine, wd 1e-4",
                BenchSuite.grid(RunConfig.defaults(), METHODS, List.of(2, 4, 8), o),
                Measure.ACCURACY);
    }

    /**
     * ResNet-110, batch 256, E2E vs InfoPro K = 2, 3, 4 (InfoPro* and even splits), one JVM each.
     */
    static BenchSuite memory(BenchSuite.Overrides o) {
        List<RunConfig> cases = new ArrayList<>();
        RunConfig base =
                RunConfig.builder()
                        .optBackbone("resnet110")
                        .optBatch(256)
                        .optTrainLimit(256 * 8)
                        .optTestLimit(100)
                        .optMaxSteps(4)
                        .build();
        for (String split :
                List.of(
                        SplitPlanner.MEMORY_BALANCED,
                        MemoryBalancedPlanner.NAME,
                        SplitPlanner.EVEN)) {
            for (int k : List.of(1, 2, 3, 4)) {
                if (k == 1 && !split.equals(SplitPlanner.MEMORY_BALANCED)
                        || !o.selectsK(k) && k > 1) {
                    continue;
                }
                cases.add(
                        o.apply(
                                base.toBuilder()
                                        .optMethod(k == 1 ? "e2e" : "infopro-contrast")
                                        .optK(k)
                                        .optSplit(split)
                                        .build()));
            }
        }
        return new BenchSuite(
                "memory",
                "ResNet-110, batch 256, 32x32x3, peak memory of training steps (MALLOC_MMAP_THRESHOLD_=65536)",
                cases,
                Measure.MEMORY);
    }

    /**
     * Step time of E2E and InfoPro-Contrast K = 2, 4 on ResNet-32, batch 128: 30 steps per case,
     * three interleaved repetitions (seeds 0-2), so ratios compare runs made under the same load.
     */
    static BenchSuite speed(BenchSuite.Overrides o) {
        List<RunConfig> cases = new ArrayList<>();
        for (int repetition = 0; repetition < 3; repetition++) {
            for (int k : List.of(1, 2, 4)) {
                if (k > 1 && !o.selectsK(k)) {
                    continue;
                }
                RunConfig c =
                        RunConfig.builder()
                                .optMethod(k == 1 ? "e2e" : "infopro-contrast")
                                .optK(k)
                                .optSeed(repetition)
                                .optTrainLimit(128 * 30)
                                .optTestLimit(100)
                                .optMaxSteps(30)
                                .build();
                cases.add(o.apply(c));
            }
        }
        return new BenchSuite(
                "speed",
                "ResNet-32, batch 128, ms per training step over 30 steps, 3 repetitions",
                cases,
                Measure.ACCURACY);
    }

    /**
     * Asy-InfoPro against simultaneous training on the quick budget (Fashion-MNIST 6400/2000,
     * ResNet-32, batch 64, 1 epoch): InfoPro-Contrast at K = 2, 4 both ways and E2E, two seeds
     * interleaved so that throughput ratios compare runs made under the same load.
     */
    static BenchSuite async(BenchSuite.Overrides o) {
        List<RunConfig> cases = new ArrayList<>();
        for (int seed = 0; seed < 2; seed++) {
            for (int k : List.of(1, 2, 4)) {
                for (int queue : k == 1 ? List.of(0) : List.of(0, 2)) {
                    if (k > 1 && !o.selectsK(k)) {
                        continue;
                    }
                    RunConfig c =
                            RunConfig.builder()
                                    .optTrainLimit(6400)
                                    .optTestLimit(2000)
                                    .optBatch(64)
                                    .optMethod(k == 1 ? "e2e" : "infopro-contrast")
                                    .optK(k)
                                    .optSeed(seed)
                                    .optAsyncQueue(queue)
                                    .build();
                    cases.add(o.apply(c));
                }
            }
        }
        return new BenchSuite(
                "async",
                "Asynchronous vs simultaneous modules: Fashion-MNIST 6400/2000, ResNet-32, batch 64,"
                        + " 1 epoch, queue 2",
                cases,
                Measure.ACCURACY);
    }

    /** Seeds per configuration in the paper's tables. */
    static final int PAPER_SEEDS = 5;

    /**
     * The paper's protocols, for a GPU. Table 2: CIFAR-10 (ResNet-32, ResNet-110,
     * DenseNet-BC-100-12), SVHN and STL-10 (ResNet-110), every method at K = 2, 4, 8, 16 and
     * Asy-InfoPro at K = 2, 4 on ResNet-110; Table 3: InfoPro* K = 2, 3, 4 on ResNet-110 (CIFAR-10
     * and STL-10); Table 4: ImageNet ResNet-101/152 and ResNeXt-101 32×8d, E2E vs InfoPro* K=2.
     * Five seeds for the CIFAR-style tables. {@code --data DIR} holds {@code
     * cifar-10-batches-bin/}, {@code svhn/}, {@code stl10_binary/} and {@code imagenet/}.
     */
    static BenchSuite paper(BenchSuite.Overrides o) {
        List<RunConfig> cases = new ArrayList<>();
        for (int seed = 0; seed < PAPER_SEEDS; seed++) {
            for (String backbone : List.of("resnet32", "resnet110", "densenet-bc-100-12")) {
                RunConfig c =
                        cifarRecipe("cifar10", seed)
                                .optBackbone(backbone)
                                .optSplit(
                                        backbone.startsWith("densenet")
                                                ? SplitPlanner.EVEN
                                                : SplitPlanner.PAPER)
                                .build();
                cases.addAll(paperGrid(c, METHODS, List.of(2, 4, 8, 16), o));
            }
            for (String dataset : List.of("svhn", "stl10")) {
                RunConfig c = cifarRecipe(dataset, seed).optBackbone("resnet110").build();
                cases.addAll(paperGrid(c, METHODS, List.of(2, 4, 8, 16), o));
            }
            RunConfig asy =
                    cifarRecipe("cifar10", seed).optBackbone("resnet110").optAsyncQueue(2).build();
            cases.addAll(paperGrid(asy, List.of("infopro-contrast"), List.of(2, 4), o));
            for (String dataset : List.of("cifar10", "stl10")) {
                RunConfig star =
                        cifarRecipe(dataset, seed)
                                .optBackbone("resnet110")
                                .optSplit(SplitPlanner.MEMORY_BALANCED)
                                .build();
                cases.addAll(paperGrid(star, List.of("infopro-contrast"), List.of(2, 3, 4), o));
            }
        }
        for (String backbone : List.of("resnet101", "resnet152", "resnext101-32x8d")) {
            RunConfig c =
                    RunConfig.builder()
                            .optDataset("imagenet")
                            .optBackbone(backbone)
                            .optEpochs(90)
                            .optBatch(backbone.startsWith("resnext") ? 512 : 1024)
                            .optLr(0.4f)
                            .optSchedule("cosine")
                            .optAugment(true)
                            .optEvalBatch(256)
                            .optSplit(SplitPlanner.MEMORY_BALANCED)
                            .build();
            cases.addAll(paperGrid(c, List.of("e2e", "infopro-softmax"), List.of(2), o));
        }
        return new BenchSuite(
                "paper",
                "The paper's Tables 2-4: CIFAR-10/SVHN/STL-10 (160 epochs, cosine + warm-up,"
                        + " augmentation, 5 seeds) and ImageNet (90 epochs, lr 0.4, batch 1024;"
                        + " --pretrained to fine-tune instead)",
                cases,
                Measure.ACCURACY);
    }

    /**
     * §5.1: 160 epochs, cosine with warm-up, augmentation; batch 1024 / lr 0.8 (STL-10: 128 / 0.1).
     */
    private static RunConfig.Builder cifarRecipe(String dataset, int seed) {
        boolean stl = dataset.equals("stl10");
        return RunConfig.builder()
                .optDataset(dataset)
                .optSeed(seed)
                .optEpochs(160)
                .optBatch(stl ? 128 : 1024)
                .optLr(stl ? 0.1f : 0.8f)
                .optSchedule("cosine-warmup")
                .optAugment(true);
    }

    /** A method × K grid whose data folder is the dataset's own under {@code --data}. */
    private static List<RunConfig> paperGrid(
            RunConfig base, List<String> methods, List<Integer> ks, BenchSuite.Overrides o) {
        List<RunConfig> cases = BenchSuite.grid(base, methods, ks, o);
        if (o.dataRoot() == null || !List.of("svhn", "imagenet").contains(base.dataset())) {
            return cases;
        }
        String folder = java.nio.file.Path.of(o.dataRoot(), base.dataset()).toString();
        return cases.stream().map(c -> c.toBuilder().optDataRoot(folder).build()).toList();
    }
}
