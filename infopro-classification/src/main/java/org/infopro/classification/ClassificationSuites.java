package org.infopro.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.bench.BenchSuite.Measure;
import org.infopro.core.model.MemoryBalancedPlanner;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.train.RunConfig;

/** The classification benchmark suites. */
final class ClassificationSuites {

    static final List<String> NAMES =
            List.of("quick", "standard", "memory", "speed", "async", "paper");
    static final List<String> METHODS =
            List.of("e2e", "greedy", "dgl", "infopro-softmax", "infopro-contrast");

    private ClassificationSuites() {}

    static Optional<BenchSuite> suite(String name, BenchSuite.Overrides overrides) {
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
        RunConfig base = new RunConfig();
        base.trainLimit = 6400;
        base.testLimit = 2000;
        base.batch = 64;
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
                BenchSuite.grid(new RunConfig(), METHODS, List.of(2, 4, 8), o),
                Measure.ACCURACY);
    }

    /**
     * ResNet-110, batch 256, E2E vs InfoPro K = 2, 3, 4 (InfoPro* and even splits), one JVM each.
     */
    static BenchSuite memory(BenchSuite.Overrides o) {
        List<RunConfig> cases = new ArrayList<>();
        RunConfig base = new RunConfig();
        base.backbone = "resnet110";
        base.batch = 256;
        base.trainLimit = 256 * 8;
        base.testLimit = 100;
        base.maxSteps = 4;
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
                RunConfig c = base.copy();
                c.method = k == 1 ? "e2e" : "infopro-contrast";
                c.k = k;
                c.split = split;
                cases.add(o.apply(c));
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
                RunConfig c = new RunConfig();
                c.method = k == 1 ? "e2e" : "infopro-contrast";
                c.k = k;
                c.seed = repetition;
                c.trainLimit = 128 * 30;
                c.testLimit = 100;
                c.maxSteps = 30;
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
                    RunConfig c = new RunConfig();
                    c.trainLimit = 6400;
                    c.testLimit = 2000;
                    c.batch = 64;
                    c.method = k == 1 ? "e2e" : "infopro-contrast";
                    c.k = k;
                    c.seed = seed;
                    c.asyncQueue = queue;
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

    /**
     * The paper's CIFAR-10 protocol (for a GPU): 160 epochs, batch 1024, lr 0.8, cosine with
     * warm-up.
     */
    static BenchSuite paper(BenchSuite.Overrides o) {
        List<RunConfig> cases = new ArrayList<>();
        for (String backbone : List.of("resnet32", "resnet110")) {
            RunConfig base = new RunConfig();
            base.dataset = "cifar10";
            base.backbone = backbone;
            base.epochs = 160;
            base.batch = 1024;
            base.lr = 0.8f;
            base.schedule = "cosine-warmup";
            base.augment = true;
            cases.addAll(BenchSuite.grid(base, METHODS, List.of(2, 4, 8, 16), o));
        }
        return new BenchSuite(
                "paper",
                "CIFAR-10, 160 epochs, batch 1024, lr 0.8 cosine + warm-up, augmentation",
                cases,
                Measure.ACCURACY);
    }
}
