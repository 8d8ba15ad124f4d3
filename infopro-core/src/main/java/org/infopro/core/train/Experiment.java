package org.infopro.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.infopro.core.data.LabeledData;
import org.infopro.core.model.ActivationProfile;
import org.infopro.core.model.ActivationProfiler;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.LocalNetwork;
import org.infopro.core.model.SplitPlan;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.objective.AuxConfig;
import org.infopro.core.objective.InfoProObjective;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.objective.LocalObjective;
import org.infopro.core.spi.BackboneProvider;
import org.infopro.core.spi.DatasetProvider;
import org.infopro.core.spi.ObjectiveProvider;
import org.infopro.core.spi.Registry;
import org.infopro.core.spi.TaskPlugin;

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

    private Experiment(
            RunConfig config,
            TaskPlugin task,
            LabeledData train,
            LabeledData test,
            LocalNetwork network,
            LocalObjective objective,
            NDManager manager) {
        this.config = config;
        this.task = task;
        this.train = train;
        this.test = test;
        this.network = network;
        this.objective = objective;
        this.recipe = config.recipe();
        this.manager = manager;
    }

    /** Opens the data and builds and initialises the network of a run. */
    public static Experiment create(RunConfig config, Registry registry, Data data)
            throws IOException {
        config.validate();
        TaskPlugin task = registry.task(config.task);
        // Every name is looked up and the device resolved before any data is read.
        ObjectiveProvider methods = registry.objective(config.method);
        BackboneProvider backbones = registry.backbone(config.backbone);
        Device device = config.resolveDevice();
        DatasetProvider datasets = registry.dataset(config.dataset);
        Path root = dataRoot(config, datasets);
        LabeledData train =
                data == Data.TRAIN_AND_TEST
                        ? datasets.open(config.dataset, root, "train", config.trainLimit, config)
                        : null;
        LabeledData test = datasets.open(config.dataset, root, "test", config.testLimit, config);
        checkSplits(config, root, train, test);
        Backbone backbone = backbones.create(config.backbone, test.sampleShape(), config);
        LocalObjective objective =
                methods.create(
                        config.method,
                        new ObjectiveProvider.Settings(
                                lambdas(config, backbone),
                                config.auxConfig == null
                                        ? null
                                        : AuxConfig.parse(config.auxConfig)));
        int k = objective.isEndToEnd() ? 1 : config.k;
        int blocks = backbone.cutPoints().size();
        if (k > blocks) {
            throw new IllegalArgumentException(
                    "--k "
                            + k
                            + ": backbone "
                            + config.backbone
                            + " has "
                            + blocks
                            + " blocks, so K can be at most "
                            + blocks);
        }
        SplitPlan plan =
                SplitPlanner.plan(
                        backbone,
                        k,
                        config.split,
                        () -> profile(config, registry, task, objective, test, device));
        Engine.getInstance().setRandomSeed((int) config.seed);
        NDManager manager = NDManager.newBaseManager(device);
        LocalNetwork network = new LocalNetwork(backbone, plan, objective, task, test.classes());
        network.initialize(manager);
        return new Experiment(config, task, train, test, network, objective, manager);
    }

    /** Refuses empty splits and splits that disagree on their classes, naming the dataset. */
    private static void checkSplits(
            RunConfig config, Path root, LabeledData train, LabeledData test) {
        String dataset = "dataset " + config.dataset + " in " + root;
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
            Registry registry,
            TaskPlugin task,
            LocalObjective objective,
            LabeledData test,
            Device device) {
        Backbone fresh =
                registry.backbone(config.backbone)
                        .create(config.backbone, test.sampleShape(), config);
        try (NDManager manager = NDManager.newBaseManager(device)) {
            // The training pass, so that inputs have the shape training will see.
            int[] samples = {0, Math.min(1, test.sampleCount() - 1)};
            TrainingBatch batch =
                    test.load(manager, samples, LabeledData.Pass.TRAINING, config.seed);
            return ActivationProfiler.measure(fresh, objective, task, test.classes(), batch);
        }
    }

    /**
     * The λ schedule of the run: the override, else the backbone's table, else the fallback. Only
     * an override may leave a local module with zero total weight; a table schedule that would (a
     * K=2 schedule, whose last pair is (0, 0), used at K ≥ 3) has its zero end replaced.
     */
    public static LambdaSchedule lambdas(RunConfig config, Backbone backbone) {
        if (config.lambdas != null) {
            return LambdaSchedule.parse(config.lambdas);
        }
        LambdaSchedule table = backbone.lambdas(config.split, config.k).orElse(FALLBACK_LAMBDAS);
        return table.trainsEveryModule(config.k) ? table : table.coveringEveryModule();
    }

    /**
     * One line on how the run is cut and weighted: the split, and for InfoPro the (λ1, λ2) of every
     * local module, so a zero weight is visible before training starts.
     */
    public String describe() {
        StringBuilder text =
                new StringBuilder("Split: " + network.plan() + ", method " + config.method);
        if (objective instanceof InfoProObjective infoPro && network.k() > 1) {
            text.append("; λ (recon, task): ")
                    .append(infoPro.lambdas().describe(network.k()))
                    .append(config.lambdas != null ? " (from --lambdas)" : "");
        }
        return text.toString();
    }

    private static Path dataRoot(RunConfig config, DatasetProvider datasets) {
        if (config.dataRoot != null) {
            return Paths.get(config.dataRoot);
        }
        return datasets.defaultRoot(config.dataset)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "Dataset "
                                                + config.dataset
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
                config.evalBatch,
                manager,
                config.predictionsFile == null ? null : Paths.get(config.predictionsFile));
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
