package org.infopro.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.StringJoiner;
import org.infopro.core.config.RunConfig;
import org.infopro.core.config.TrainingRecipe;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.model.ActivationProfile;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.SplitPlan;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.network.ActivationProfiler;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.InfoProObjective;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.objective.LocalObjective;
import org.infopro.core.optim.LrSchedule;
import org.infopro.core.optim.Optimizer;
import org.infopro.core.spi.BackboneProvider;
import org.infopro.core.spi.DatasetProvider;
import org.infopro.core.spi.ObjectiveProvider;
import org.infopro.core.spi.Registry;
import org.infopro.core.spi.TaskPlugin;
import org.infopro.core.weights.LoadReport;

/**
 * A {@link RunConfig} resolved through the registry: the datasets opened, the backbone cut, the
 * method built and the network initialised, all owned by one {@link NDManager}.
 */
public final class Experiment implements AutoCloseable {

    /**
     * λ schedule used when neither the run nor the backbone's table gives one: strong
     * reconstruction early, the task term growing towards the end, the shape of every published
     * schedule.
     */
    public static final LambdaSchedule FALLBACK_LAMBDAS = new LambdaSchedule(5f, 0.5f, 1f, 1f);

    /** Which splits to open. */
    public enum Data {
        TRAIN_AND_TEST,
        TEST_ONLY
    }

    private final RunConfig config;
    private final TaskPlugin task;
    private final LabeledData train;
    private final LabeledData test;
    private final LocalNetwork network;
    private final LocalObjective objective;
    private final TrainingRecipe recipe;
    private final NDManager manager;
    private final LoadReport pretrained;

    private Experiment(Builder b, LocalNetwork network, LocalObjective objective) {
        this.config = b.config;
        this.task = b.task;
        this.train = b.train;
        this.test = b.test;
        this.network = network;
        this.objective = objective;
        TrainingRecipe fromConfig = config.recipe();
        this.recipe =
                new TrainingRecipe(
                        b.optimizer != null ? b.optimizer : fromConfig.optimizer(),
                        b.schedule != null ? b.schedule : fromConfig.schedule(),
                        fromConfig.epochs(),
                        fromConfig.batchSize(),
                        fromConfig.seed(),
                        fromConfig.augment());
        this.manager = b.manager;
        this.pretrained = b.pretrained;
    }

    /** Opens the data and builds and initialises the network of a run, all by name. */
    public static Experiment create(RunConfig config, Registry registry, Data data)
            throws IOException {
        return builder().setConfig(config).optRegistry(registry).optData(data).build();
    }

    /**
     * A run from objects, names or both: whatever is not given as an object (task, backbone, data,
     * optimizer, schedule) is resolved from the configuration's names through the registry.
     *
     * <pre>{@code
     * Experiment experiment = Experiment.builder()
     *         .setConfig(config)                       // numbers, method, K, split
     *         .optBackbone(input -> new MyNet(input))  // instead of config.backbone
     *         .optData(train, test)                    // instead of config.dataset
     *         .optOptimizer(Optimizer.adamW(0.9f, 0.999f, 1e-8f, 0.05f))
     *         .build();
     * }</pre>
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a backbone for the data's per-sample input shape. */
    @FunctionalInterface
    public interface BackboneFactory {
        /**
         * A fresh, uninitialised backbone (called again to profile memory for {@code balanced}).
         */
        Backbone create(FeatureShape input);
    }

    /** Collects a run's parts; {@link #build} checks and assembles them. */
    public static final class Builder {
        private RunConfig config = RunConfig.defaults();
        private Registry registry;
        private Data data = Data.TRAIN_AND_TEST;
        private TaskPlugin task;
        private BackboneFactory backbone;
        private LabeledData train;
        private LabeledData test;
        private Optimizer optimizer;
        private LrSchedule schedule;
        private NDManager manager;
        private String dataDescription = "the given data";
        private LoadReport pretrained;
        private boolean resuming;

        private Builder() {}

        /** The run's settings (the defaults if not set). */
        public Builder setConfig(RunConfig config) {
            this.config = java.util.Objects.requireNonNull(config, "config");
            return this;
        }

        /** Where names are looked up; {@link Registry#discover()} if not set. */
        public Builder optRegistry(Registry registry) {
            this.registry = registry;
            return this;
        }

        /** Which splits to open by name (the default opens both). */
        public Builder optData(Data data) {
            this.data = data;
            return this;
        }

        /**
         * Whether the run continues from a checkpoint, whose weights replace the initial ones:
         * {@code config.pretrained()} is then neither read nor required to exist.
         */
        public Builder optResuming(boolean resuming) {
            this.resuming = resuming;
            return this;
        }

        /** The task object instead of {@code config.task()}. */
        public Builder optTask(TaskPlugin task) {
            this.task = task;
            return this;
        }

        /** The backbone instead of {@code config.backbone()}. */
        public Builder optBackbone(BackboneFactory backbone) {
            this.backbone = backbone;
            return this;
        }

        /**
         * The training and test splits instead of {@code config.dataset()}: any {@link
         * LabeledData}, e.g. a task module's in-memory dataset or a DJL dataset through {@link
         * org.infopro.core.data.DjlData}. {@code train} may be null to evaluate only.
         */
        public Builder optData(LabeledData train, LabeledData test) {
            this.train = train;
            this.test = java.util.Objects.requireNonNull(test, "the test split is required");
            return this;
        }

        /** The optimizer instead of {@code config.optimizer()} (saved in checkpoints). */
        public Builder optOptimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** The learning-rate schedule instead of {@code config.schedule()}. */
        public Builder optSchedule(LrSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Checks the options, looks up every name, opens the data, plans the split and initialises
         * the network (seeded by {@code config.seed()}).
         *
         * @throws IllegalArgumentException naming the first bad option, name or file entry
         */
        public Experiment build() throws IOException {
            Registry names = registry != null ? registry : Registry.discover();
            if (task == null) {
                task = names.task(config.task());
            }
            requireKnownTaskOptions();
            if (config.evalBatch() == 0) {
                config =
                        config.toBuilder()
                                .optEvalBatch(task.defaultEvalBatch(config.batch()))
                                .build();
            }
            // Every name is looked up and the device resolved before any data is read.
            ObjectiveProvider methods = names.objective(config.method());
            BackboneFactory backbones = backbone;
            if (backbones == null) {
                BackboneProvider provider = names.backbone(config.backbone());
                backbones = input -> provider.create(config.backbone(), input, config);
            }
            Device device = config.resolveDevice();
            requireCapabilities(methods);
            requirePretrainedFile();
            if (test == null) {
                openByName(names);
            }
            checkSplits(dataDescription, train, test);
            Backbone net = backbones.create(test.sampleShape());
            if (backbone != null) {
                config = config.toBuilder().optBackbone(net.name()).build();
            }
            LocalObjective objective =
                    methods.create(
                            config.method(),
                            new ObjectiveProvider.Settings(
                                    lambdas(config, net),
                                    config.auxConfig() == null
                                            ? null
                                            : AuxConfig.parse(config.auxConfig())));
            if (objective.isEndToEnd() && config.k() != 1) {
                config = config.toBuilder().optK(1).build(); // an end-to-end method has one module
            }
            int k = config.k();
            int blocks = net.cutPoints().size();
            if (k > blocks) {
                throw new IllegalArgumentException(
                        "--k "
                                + k
                                + ": backbone "
                                + net.name()
                                + " has "
                                + blocks
                                + " blocks, so K can be at most "
                                + blocks);
            }
            BackboneFactory fresh = backbones;
            SplitPlan plan =
                    SplitPlanner.plan(
                            net,
                            k,
                            config.split(),
                            () -> profile(config, fresh, task, objective, test, device));
            Engine.getInstance().setRandomSeed((int) config.seed());
            manager = NDManager.newBaseManager(device);
            LocalNetwork network = new LocalNetwork(net, plan, objective, task, test.classes());
            network.initialize(manager);
            if (startsFromPretrained()) {
                pretrained = loadPretrained(network);
            }
            return new Experiment(this, network, objective);
        }

        /** Pretrained weights fill a run that trains; evaluation and resume load their own. */
        private boolean startsFromPretrained() {
            return config.pretrained() != null && data == Data.TRAIN_AND_TEST && !resuming;
        }

        private void requirePretrainedFile() {
            if (startsFromPretrained() && !Files.isRegularFile(Paths.get(config.pretrained()))) {
                throw new IllegalArgumentException(
                        "--pretrained " + config.pretrained() + ": no such file");
            }
        }

        private LoadReport loadPretrained(LocalNetwork network) throws IOException {
            return TorchWeights.load(
                    network,
                    task,
                    Paths.get(config.pretrained()),
                    config.pretrainedParts(),
                    manager);
        }

        /** Refuses options the task does not have, naming the first, before any data is read. */
        private void requireKnownTaskOptions() {
            java.util.Optional<org.infopro.core.config.TaskOptions> defaults =
                    task.defaultOptions();
            if (defaults.isPresent()) {
                config.taskOptions(defaults.get());
            } else if (config.taskOptions() != null && !config.taskOptions().isEmpty()) {
                throw new IllegalArgumentException(
                        "task "
                                + task.name()
                                + " has no options of its own, got "
                                + config.taskOptions().keySet());
            }
        }

        /** Refuses a method the task cannot train, naming both, before any data is read. */
        private void requireCapabilities(ObjectiveProvider methods) {
            LocalObjective probe =
                    methods.create(
                            config.method(),
                            new ObjectiveProvider.Settings(FALLBACK_LAMBDAS, null));
            if (probe.needsSampleLabels() && !task.auxNets().hasSampleLabels()) {
                throw new IllegalArgumentException(
                        "--method "
                                + config.method()
                                + " needs one label per sample for its contrastive head, and task "
                                + task.name()
                                + " has none (its labels are per pixel or per box); use"
                                + " infopro-softmax");
            }
        }

        private void openByName(Registry names) throws IOException {
            DatasetProvider datasets = names.dataset(config.dataset());
            Path root = dataRoot(config, datasets);
            train =
                    data == Data.TRAIN_AND_TEST
                            ? datasets.open(
                                    config.dataset(), root, "train", config.trainLimit(), config)
                            : null;
            test = datasets.open(config.dataset(), root, "test", config.testLimit(), config);
            dataDescription = "dataset " + config.dataset() + " in " + root;
        }
    }

    /** Refuses empty splits and splits that disagree on their classes, naming the dataset. */
    private static void checkSplits(String dataset, LabeledData train, LabeledData test) {
        if (train != null && train.sampleCount() == 0) {
            throw new IllegalArgumentException(dataset + ": the training split is empty");
        }
        if (test.sampleCount() == 0) {
            throw new IllegalArgumentException(dataset + ": the test split is empty");
        }
        if (train == null) {
            return;
        }
        if (train.classes() != test.classes() || !train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException(
                    dataset
                            + ": the training and test splits have different classes ("
                            + describeClasses(train)
                            + " against "
                            + describeClasses(test)
                            + ")");
        }
    }

    private static String describeClasses(LabeledData split) {
        return split.classNames().isEmpty()
                ? split.classes() + " classes"
                : split.classes() + " classes " + split.classNames();
    }

    /**
     * Profiles a second instance of the run's backbone on two test samples, for the planners that
     * balance measured memory (the training instance must keep its seeded initialisation).
     */
    private static ActivationProfile profile(
            RunConfig config,
            BackboneFactory backbones,
            TaskPlugin task,
            LocalObjective objective,
            LabeledData test,
            Device device) {
        Backbone fresh = backbones.create(test.sampleShape());
        try (NDManager manager = NDManager.newBaseManager(device)) {
            // The training pass, so that inputs have the shape training will see.
            int[] samples = {0, Math.min(1, test.sampleCount() - 1)};
            TrainingBatch batch =
                    test.load(manager, samples, LabeledData.Pass.TRAINING, config.seed());
            return ActivationProfiler.measure(fresh, objective, task, test.classes(), batch);
        }
    }

    /**
     * The λ schedule of the run: the override, else the backbone's table, else the fallback. Only
     * an override may leave a local module with zero total weight; a table schedule that would (a
     * K=2 schedule, whose last pair is (0, 0), used at K ≥ 3) has its zero end replaced.
     */
    public static LambdaSchedule lambdas(RunConfig config, Backbone backbone) {
        if (config.lambdas() != null) {
            return LambdaSchedule.parse(config.lambdas());
        }
        LambdaSchedule table =
                backbone.lambdas(config.split(), config.k()).orElse(FALLBACK_LAMBDAS);
        return table.trainsEveryModule(config.k()) ? table : table.coveringEveryModule();
    }

    /**
     * One line on how the run is cut and weighted: the split, and for InfoPro the (λ1, λ2) of every
     * local module, so a zero weight is visible before training starts.
     */
    public String describe() {
        StringBuilder text =
                new StringBuilder("Split: " + network.plan() + ", method " + config.method());
        if (objective instanceof InfoProObjective infoPro && network.k() > 1) {
            text.append("; λ (recon, task): ")
                    .append(infoPro.lambdas().describe(network.k()))
                    .append(config.lambdas() != null ? " (from --lambdas)" : "");
        }
        for (int m = 0; m < network.k() - 1; m++) {
            text.append(m == 0 ? "; auxiliary nets: " : ", ")
                    .append("m")
                    .append(m + 1)
                    .append(" on ")
                    .append(network.moduleOutputs().get(m))
                    .append(" (");
            StringJoiner parts = new StringJoiner(" + ");
            network.localHead(m)
                    .getChildren()
                    .forEach(c -> parts.add(auxName(c.getKey()) + " " + params(c.getValue())));
            text.append(parts).append(')');
        }
        if (pretrained != null) {
            text.append("\nPretrained ")
                    .append(config.pretrainedParts().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" from ")
                    .append(config.pretrained())
                    .append(": ")
                    .append(pretrained);
        }
        return text.toString();
    }

    /** What loading the pretrained weights did, or null for a run from scratch. */
    public LoadReport pretrainedReport() {
        return pretrained;
    }

    /** A local head's child by the paper's role: decoder w, classifier ψ, projection head φ. */
    private static String auxName(String child) {
        String name = child.substring(2); // DJL prefixes the child's position
        return switch (name) {
            case "w" -> "decoder w";
            case "psi" -> "classifier ψ";
            case "phi" -> "projection φ";
            default -> name;
        };
    }

    /** A block's parameter count, e.g. {@code 74.1k}. */
    private static String params(ai.djl.nn.Block block) {
        long count = 0;
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            count += p.getValue().getArray().size();
        }
        return count < 1000
                ? count + " params"
                : String.format(java.util.Locale.ROOT, "%.1fk params", count / 1000.0);
    }

    private static Path dataRoot(RunConfig config, DatasetProvider datasets) {
        if (config.dataRoot() != null) {
            return Paths.get(config.dataRoot());
        }
        return datasets.defaultRoot(config.dataset())
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "Dataset "
                                                + config.dataset()
                                                + " has no standard location; give --data DIR"));
    }

    /** A trainer over this experiment's network with a fresh optimizer. */
    public LocalTrainer newTrainer() {
        return new LocalTrainer(network, task, recipe.optimizer());
    }

    /** Evaluates the network on a split. */
    public Map<String, Double> evaluate(LabeledData split) {
        return Evaluator.evaluate(
                network,
                task,
                task.inference(config),
                split,
                config.evalBatch(),
                manager,
                config.predictionsFile() == null ? null : Paths.get(config.predictionsFile()));
    }

    public RunConfig config() {
        return config;
    }

    public TaskPlugin task() {
        return task;
    }

    public LabeledData train() {
        return train;
    }

    public LabeledData test() {
        return test;
    }

    public LocalNetwork network() {
        return network;
    }

    public TrainingRecipe recipe() {
        return recipe;
    }

    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
