package org.infopro.core.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.infopro.core.io.Json;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.optim.LrSchedule;
import org.infopro.core.optim.Optimizer;

/**
 * Everything that defines one training run: immutable, and checked as a whole when it is made, so
 * that a bad value fails before any data is read, naming the option it comes from. Build one with
 * {@link #builder()} ({@code opt*} for each setting) or change one with {@link #toBuilder()}; it is
 * written into checkpoints and result files as JSON and read back with {@link #fromJson}.
 *
 * <p>Defaults are the standard Fashion-MNIST protocol: batch 128, SGD momentum 0.9 Nesterov, lr 0.1
 * with per-step cosine decay, weight decay 1e-4, no augmentation, seed 0. Options that belong to
 * one task live in that task's {@link TaskOptions}.
 *
 * @param task the task's registry name
 * @param backbone the backbone's registry name
 * @param dataset the dataset's registry name
 * @param dataRoot the dataset folder; null means the provider's standard location
 * @param method the training method (objective) by registry name
 * @param k the number of gradient-isolated modules (an end-to-end method trains one)
 * @param split how the backbone is cut: {@code infopro} (paper table), {@code infopro*}
 *     (memory-balanced table), {@code even}, or one of the backbone's own tables
 * @param lambdas λ schedule {@code λ1,λ2[,λ1last,λ2last]}; null takes the backbone's table
 * @param auxConfig auxiliary-classifier depth, e.g. {@code 2c2f}; null takes the method's default
 * @param optimizer PyTorch's SGD (momentum, Nesterov, L2 decay), Adam or AdamW
 * @param epochs epochs to train
 * @param batch training samples per step
 * @param evalBatch evaluation samples per batch; 0 takes the task's default
 * @param evalEvery evaluate on the test split every this many epochs; the last epoch always is
 * @param lr the initial learning rate
 * @param momentum SGD's momentum
 * @param nesterov whether SGD's momentum is Nesterov's
 * @param weightDecay L2 weight decay (decoupled for AdamW)
 * @param schedule the learning-rate schedule's name, see {@link LrSchedule#named}
 * @param warmupSteps linear warm-up from 0.001 × the schedule over this many steps (0 = none)
 * @param seed seeds initialisation, shuffling and augmentation
 * @param augment whether training data goes through the dataset's augmentation pipeline
 * @param crop training crop of dense tasks; null takes the dataset's standard crop
 * @param trainLimit use only the first N training samples (0 = all)
 * @param testLimit use only the first N test samples (0 = all)
 * @param maxSteps stop each epoch after this many steps (0 = the whole epoch)
 * @param asyncQueue asynchronous training (Asy-InfoPro): batches that may wait between two modules,
 *     each module on a worker thread of its own; 0 trains the modules simultaneously
 * @param device {@code cpu}, {@code gpu} or {@code gpu:N}; null takes the engine's default
 * @param pretrained PyTorch weights to start from (a {@code torch.save} zip or {@code .safetensors}
 *     file), or null to start from scratch
 * @param pretrainedParts what {@code pretrained} fills
 * @param predictionsFile where evaluation writes its predictions for other tools (path without
 *     extension; the task adds its suffix), or null for nowhere; benchmarks set it per case
 * @param taskOptions the task's own options as JSON (read them with {@link
 *     #taskOptions(TaskOptions)}); null for the task's defaults
 */
public record RunConfig(
        @Setting(option = "--task", help = "Task.") String task,
        @Setting(option = "--backbone", help = "Backbone.") String backbone,
        @Setting(option = "--dataset", help = "Dataset.") String dataset,
        @Setting(
                        option = "--data",
                        label = "DIR",
                        help = "Dataset folder (default: the dataset's standard place).")
                String dataRoot,
        @Setting(option = "--method", help = "e2e, greedy, dgl, infopro-softmax, infopro-contrast.")
                String method,
        @Setting(option = "--k", help = "Number of modules K (e2e trains one).") int k,
        @Setting(
                        option = "--split",
                        help =
                                "infopro (paper table), infopro* (memory-balanced table), even, or"
                                        + " one of the backbone's tables.")
                String split,
        @Setting(
                        option = "--lambdas",
                        label = "L1,L2[,L1LAST,L2LAST]",
                        help = "λ1,λ2[,λ1last,λ2last] (default: the backbone's table).")
                String lambdas,
        @Setting(
                        option = "--aux-config",
                        label = "DEPTH",
                        help = "Auxiliary classifier depth, e.g. 1c2f (default: the method's).")
                String auxConfig,
        @Setting(
                        option = "--optimizer",
                        help =
                                "sgd (momentum, Nesterov), adam or adamw, each as PyTorch computes it.")
                OptimizerKind optimizer,
        @Setting(option = "--epochs", help = "Epochs.") int epochs,
        @Setting(option = "--batch", help = "Batch size.") int batch,
        @Setting(
                        option = "--eval-batch",
                        help =
                                "Evaluation batch size; 0 takes the task's (500 for classification;"
                                        + " the training batch for dense tasks).")
                int evalBatch,
        @Setting(option = "--eval-every", help = "Evaluate every N epochs; the last always.")
                int evalEvery,
        @Setting(option = "--lr", help = "Initial learning rate.") float lr,
        @Setting(option = "--momentum", help = "SGD momentum.") float momentum,
        @Setting(option = "--nesterov", help = "Nesterov momentum (--no-nesterov: plain).")
                boolean nesterov,
        @Setting(option = "--weight-decay", help = "Weight decay.") float weightDecay,
        @Setting(
                        option = "--schedule",
                        help = "cosine, cosine-warmup, step, step:E1,E2, poly, constant.")
                String schedule,
        @Setting(
                        option = "--warmup-steps",
                        help =
                                "Linear warm-up from 0.001 x lr over the first N steps, as mmdetection's.")
                int warmupSteps,
        @Setting(option = "--seed", help = "Seed.") long seed,
        @Setting(
                        option = "--augment",
                        help =
                                "Augment and sample training data with the dataset's pipeline"
                                        + " (small images: reflect-pad 4, crop, flip; scenes:"
                                        + " mmsegmentation's; clips: TSM's random segment offsets,"
                                        + " multi-scale crop, flip).")
                boolean augment,
        @Setting(
                        option = "--crop",
                        label = "HxW",
                        help =
                                "Training crop of dense tasks, e.g. 512x1024 (default: the dataset's).")
                PixelSize crop,
        @Setting(option = "--train-limit", help = "Use the first N training samples (0 = all).")
                int trainLimit,
        @Setting(option = "--test-limit", help = "Use the first N test samples (0 = all).")
                int testLimit,
        @Setting(option = "--max-steps", help = "Stop each epoch after N steps (0 = full epochs).")
                int maxSteps,
        @Setting(
                        option = "--async",
                        label = "N",
                        help =
                                "Asynchronous training: every module on its own worker thread, with"
                                        + " up to N batches waiting between two modules (0:"
                                        + " simultaneous).")
                int asyncQueue,
        @Setting(
                        option = "--device",
                        label = "DEVICE",
                        help =
                                "cpu, gpu or gpu:N (default: a GPU where libtorch sees one, else the CPU).")
                String device,
        @Setting(
                        option = "--pretrained",
                        label = "FILE",
                        help =
                                "Start from PyTorch weights: a torch.save .pth/.pt or"
                                        + " .safetensors file, with torchvision's, timm's,"
                                        + " mmsegmentation's, mmdetection's or mmaction2's"
                                        + " names.")
                String pretrained,
        @Setting(
                        option = "--pretrained-parts",
                        help =
                                "What --pretrained fills: backbone (the usual case) or all"
                                        + " (with the task head: a classifier, DeepLab-V3's"
                                        + " heads, a detector's FPN, RPN and RoI heads).")
                PretrainedParts pretrainedParts,
        String predictionsFile,
        JsonObject taskOptions) {

    private static final RunConfig DEFAULTS = new Builder().build();

    /** The optimizer: PyTorch's SGD (momentum, Nesterov, L2 decay), Adam or AdamW. */
    public enum OptimizerKind {
        @com.google.gson.annotations.SerializedName("sgd")
        SGD,
        @com.google.gson.annotations.SerializedName("adam")
        ADAM,
        @com.google.gson.annotations.SerializedName("adamw")
        ADAMW;

        /**
         * A fresh optimizer of this kind; Adam and AdamW take PyTorch's default betas (0.9, 0.999)
         * and ε 1e-8, SGD the given momentum and Nesterov switch.
         */
        public Optimizer create(float momentum, boolean nesterov, float weightDecay) {
            return switch (this) {
                case SGD -> Optimizer.sgd(momentum, nesterov, weightDecay);
                case ADAM -> Optimizer.adam(0.9f, 0.999f, 1e-8f, weightDecay);
                case ADAMW -> Optimizer.adamW(0.9f, 0.999f, 1e-8f, weightDecay);
            };
        }
    }

    /** What a pretrained file fills. */
    public enum PretrainedParts {
        /** The backbone only, as fine-tuning usually starts: the task head is new. */
        @com.google.gson.annotations.SerializedName("backbone")
        BACKBONE,
        /** The backbone and the task head (same task and classes as the file's). */
        @com.google.gson.annotations.SerializedName("all")
        ALL
    }

    /**
     * Checks every value that needs no registry look-up.
     *
     * @throws IllegalArgumentException naming the first bad option and what is wrong with it
     */
    public RunConfig {
        required("--task", task);
        required("--backbone", backbone);
        required("--dataset", dataset);
        required("--method", method);
        required("--split", split);
        required("--schedule", schedule);
        if (optimizer == null) {
            throw new IllegalArgumentException("--optimizer must be one of sgd, adam, adamw");
        }
        atLeast("--k", k, 1);
        atLeast("--epochs", epochs, 1);
        atLeast("--batch", batch, 1);
        atLeast("--eval-batch", evalBatch, 0);
        atLeast("--eval-every", evalEvery, 1);
        atLeast("--warmup-steps", warmupSteps, 0);
        atLeast("--train-limit", trainLimit, 0);
        atLeast("--test-limit", testLimit, 0);
        atLeast("--max-steps", maxSteps, 0);
        atLeast("--async", asyncQueue, 0);
        finiteAtLeastZero("--lr", lr);
        finiteAtLeastZero("--weight-decay", weightDecay);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
        }
        if (asyncQueue > 0 && k < 2) {
            throw new IllegalArgumentException(
                    "--async " + asyncQueue + " needs K ≥ 2 modules (got K=" + k + ")");
        }
        if (lambdas != null) {
            LambdaSchedule.parse(lambdas);
        }
        if (device != null) {
            deviceMatcher(device);
        }
        LrSchedule.named(schedule, lr, epochs);
        if (pretrainedParts == null) {
            throw new IllegalArgumentException("--pretrained-parts must be backbone or all");
        }
        taskOptions = taskOptions == null ? null : taskOptions.deepCopy();
    }

    /** The task's own options as JSON (a copy), or null for the task's defaults. */
    @Override
    public JsonObject taskOptions() {
        return taskOptions == null ? null : taskOptions.deepCopy();
    }

    /** The standard protocol's configuration (every default). */
    public static RunConfig defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads a configuration written by {@link #toJson()}. Settings it lacks take their defaults;
     * one it does not know is refused, so nothing is silently dropped.
     *
     * @param json the JSON text
     * @param source what it was read from, for error messages (e.g. a file name)
     * @throws IllegalArgumentException naming the source and the unknown or bad setting
     */
    public static RunConfig fromJson(String json, String source) {
        try {
            JsonObject given = Json.GSON.fromJson(json, JsonObject.class);
            if (given == null) {
                throw new IllegalArgumentException("no configuration");
            }
            return decode(overlay(treeWithNulls(DEFAULTS), given, "setting"), RunConfig.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    source + ": not a valid run configuration: " + e.getMessage(), e);
        }
    }

    /** This configuration as JSON, as {@link #fromJson} reads it. */
    public String toJson() {
        return Json.GSON.toJson(this);
    }

    /**
     * The task's options, typed: {@code defaults} with the values this run sets.
     *
     * @param defaults the task's defaults, whose class is the options' type
     * @throws IllegalArgumentException for an option that is not one of that type's, or a bad value
     */
    public <T extends TaskOptions> T taskOptions(T defaults) {
        if (taskOptions == null) {
            return defaults;
        }
        JsonObject merged = overlay(treeWithNulls(defaults), taskOptions, "option of task " + task);
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) defaults.getClass();
        return decode(merged, type);
    }

    /**
     * Decodes a record through its canonical constructor, so that its checks run; null components
     * are left out (Gson reads an absent one as null). A check that fails is thrown as it is.
     */
    private static <T> T decode(JsonObject tree, Class<T> type) {
        JsonObject present = tree.deepCopy();
        present.entrySet().removeIf(e -> e.getValue().isJsonNull());
        try {
            return Json.GSON.fromJson(present, type);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException check) {
                    throw check;
                }
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code base} with {@code changes}; a key {@code base} lacks is refused as unknown. */
    private static JsonObject overlay(JsonObject base, JsonObject changes, String what) {
        JsonObject merged = base.deepCopy();
        for (Map.Entry<String, JsonElement> change : changes.entrySet()) {
            if (!merged.has(change.getKey())) {
                throw new IllegalArgumentException(
                        "unknown " + what + " '" + change.getKey() + "'");
            }
            merged.add(change.getKey(), change.getValue());
        }
        return merged;
    }

    /** Every component as JSON, null ones included, so that each is a known key. */
    private static JsonObject treeWithNulls(Object value) {
        return WITH_NULLS.toJsonTree(value).getAsJsonObject();
    }

    private static final com.google.gson.Gson WITH_NULLS =
            Json.GSON.newBuilder().serializeNulls().create();

    /**
     * The device this run trains on.
     *
     * @throws IllegalArgumentException for a GPU the engine cannot see
     */
    public ai.djl.Device resolveDevice() {
        if (device == null) {
            return ai.djl.engine.Engine.getInstance().defaultDevice();
        }
        Matcher m = deviceMatcher(device);
        if (m.group(1).equals("cpu")) {
            return ai.djl.Device.cpu();
        }
        int index = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int gpus = ai.djl.engine.Engine.getInstance().getGpuCount();
        if (index >= gpus) {
            throw new IllegalArgumentException(
                    "--device "
                            + device
                            + ": libtorch sees "
                            + gpus
                            + " GPU(s)"
                            + (gpus == 0
                                    ? " (this build loads the CPU libtorch; README \"GPU\" gives"
                                            + " the CUDA routes)"
                                    : ""));
        }
        return ai.djl.Device.gpu(index);
    }

    private static Matcher deviceMatcher(String device) {
        Matcher m = Pattern.compile("(cpu|gpu)(?::(\\d+))?").matcher(device);
        if (!m.matches() || m.group(1).equals("cpu") && m.group(2) != null) {
            throw new IllegalArgumentException(
                    "--device takes cpu, gpu or gpu:N, got '" + device + "'");
        }
        return m;
    }

    private static void required(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " must be given");
        }
    }

    private static void atLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be ≥ " + min + ", got " + value);
        }
    }

    private static void finiteAtLeastZero(String option, float value) {
        if (!Float.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(
                    option + " must be a finite number ≥ 0, got " + value);
        }
    }

    /** The training recipe these settings describe. */
    public TrainingRecipe recipe() {
        return new TrainingRecipe(
                optimizer.create(momentum, nesterov, weightDecay),
                LrSchedule.withWarmup(LrSchedule.named(schedule, lr, epochs), warmupSteps),
                epochs,
                batch,
                seed,
                augment);
    }

    /**
     * Builds a {@link RunConfig} in DJL's style: every setting has a default, {@code opt*} changes
     * one, and {@link #build()} checks them all together.
     */
    public static final class Builder {
        private String task = "classification";
        private String backbone = "resnet32";
        private String dataset = "fashion-mnist";
        private String dataRoot;
        private String method = "infopro-contrast";
        private int k = 2;
        private String split = "infopro";
        private String lambdas;
        private String auxConfig;
        private OptimizerKind optimizer = OptimizerKind.SGD;
        private int epochs = 1;
        private int batch = 128;
        private int evalBatch;
        private int evalEvery = 1;
        private float lr = 0.1f;
        private float momentum = 0.9f;
        private boolean nesterov = true;
        private float weightDecay = 1e-4f;
        private String schedule = "cosine";
        private int warmupSteps;
        private long seed;
        private boolean augment;
        private PixelSize crop;
        private int trainLimit;
        private int testLimit;
        private int maxSteps;
        private int asyncQueue;
        private String device;
        private String pretrained;
        private PretrainedParts pretrainedParts = PretrainedParts.BACKBONE;
        private String predictionsFile;
        private JsonObject taskOptions;

        private Builder() {}

        private Builder(RunConfig c) {
            task = c.task;
            backbone = c.backbone;
            dataset = c.dataset;
            dataRoot = c.dataRoot;
            method = c.method;
            k = c.k;
            split = c.split;
            lambdas = c.lambdas;
            auxConfig = c.auxConfig;
            optimizer = c.optimizer;
            epochs = c.epochs;
            batch = c.batch;
            evalBatch = c.evalBatch;
            evalEvery = c.evalEvery;
            lr = c.lr;
            momentum = c.momentum;
            nesterov = c.nesterov;
            weightDecay = c.weightDecay;
            schedule = c.schedule;
            warmupSteps = c.warmupSteps;
            seed = c.seed;
            augment = c.augment;
            crop = c.crop;
            trainLimit = c.trainLimit;
            testLimit = c.testLimit;
            maxSteps = c.maxSteps;
            asyncQueue = c.asyncQueue;
            device = c.device;
            pretrained = c.pretrained;
            pretrainedParts = c.pretrainedParts;
            predictionsFile = c.predictionsFile;
            taskOptions = c.taskOptions;
        }

        /** The task by registry name (default {@code classification}). */
        public Builder optTask(String task) {
            this.task = task;
            return this;
        }

        /** The backbone by registry name (default {@code resnet32}). */
        public Builder optBackbone(String backbone) {
            this.backbone = backbone;
            return this;
        }

        /** The dataset by registry name (default {@code fashion-mnist}). */
        public Builder optDataset(String dataset) {
            this.dataset = dataset;
            return this;
        }

        /** The dataset folder; null (the default) takes the dataset's standard place. */
        public Builder optDataRoot(String dataRoot) {
            this.dataRoot = dataRoot;
            return this;
        }

        /** The training method by registry name (default {@code infopro-contrast}). */
        public Builder optMethod(String method) {
            this.method = method;
            return this;
        }

        /** The number of modules K (default 2). */
        public Builder optK(int k) {
            this.k = k;
            return this;
        }

        /** How the backbone is cut (default {@code infopro}, the paper's table). */
        public Builder optSplit(String split) {
            this.split = split;
            return this;
        }

        /** The λ schedule {@code λ1,λ2[,λ1last,λ2last]}; null takes the backbone's table. */
        public Builder optLambdas(String lambdas) {
            this.lambdas = lambdas;
            return this;
        }

        /** The auxiliary-classifier depth, e.g. {@code 2c2f}; null takes the method's. */
        public Builder optAuxConfig(String auxConfig) {
            this.auxConfig = auxConfig;
            return this;
        }

        /** The optimizer (default SGD). */
        public Builder optOptimizer(OptimizerKind optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Epochs to train (default 1). */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Training samples per step (default 128). */
        public Builder optBatch(int batch) {
            this.batch = batch;
            return this;
        }

        /** Evaluation samples per batch; 0 (the default) takes the task's. */
        public Builder optEvalBatch(int evalBatch) {
            this.evalBatch = evalBatch;
            return this;
        }

        /** Evaluate every N epochs (default 1); the last epoch always is. */
        public Builder optEvalEvery(int evalEvery) {
            this.evalEvery = evalEvery;
            return this;
        }

        /** The initial learning rate (default 0.1). */
        public Builder optLr(float lr) {
            this.lr = lr;
            return this;
        }

        /** SGD's momentum (default 0.9). */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Whether SGD's momentum is Nesterov's (default true). */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /** Weight decay (default 1e-4). */
        public Builder optWeightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** The learning-rate schedule's name (default {@code cosine}). */
        public Builder optSchedule(String schedule) {
            this.schedule = schedule;
            return this;
        }

        /** Steps of linear warm-up (default 0). */
        public Builder optWarmupSteps(int warmupSteps) {
            this.warmupSteps = warmupSteps;
            return this;
        }

        /** The seed (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether training data is augmented (default false). */
        public Builder optAugment(boolean augment) {
            this.augment = augment;
            return this;
        }

        /** The training crop of dense tasks; null (the default) takes the dataset's. */
        public Builder optCrop(PixelSize crop) {
            this.crop = crop;
            return this;
        }

        /** Use only the first N training samples (default 0, all). */
        public Builder optTrainLimit(int trainLimit) {
            this.trainLimit = trainLimit;
            return this;
        }

        /** Use only the first N test samples (default 0, all). */
        public Builder optTestLimit(int testLimit) {
            this.testLimit = testLimit;
            return this;
        }

        /** Stop each epoch after N steps (default 0, whole epochs). */
        public Builder optMaxSteps(int maxSteps) {
            this.maxSteps = maxSteps;
            return this;
        }

        /** Batches that may wait between two asynchronous modules (default 0, simultaneous). */
        public Builder optAsyncQueue(int asyncQueue) {
            this.asyncQueue = asyncQueue;
            return this;
        }

        /** {@code cpu}, {@code gpu} or {@code gpu:N}; null (the default) takes the engine's. */
        public Builder optDevice(String device) {
            this.device = device;
            return this;
        }

        /** PyTorch weights to start from; null (the default) starts from scratch. */
        public Builder optPretrained(String pretrained) {
            this.pretrained = pretrained;
            return this;
        }

        /** What the pretrained weights fill (default: the backbone). */
        public Builder optPretrainedParts(PretrainedParts pretrainedParts) {
            this.pretrainedParts = pretrainedParts;
            return this;
        }

        /** Where evaluation writes its predictions (without extension); null for nowhere. */
        public Builder optPredictionsFile(String predictionsFile) {
            this.predictionsFile = predictionsFile;
            return this;
        }

        /** The task's own options; null (the default) takes the task's defaults. */
        public Builder optTaskOptions(TaskOptions options) {
            this.taskOptions =
                    options == null ? null : Json.GSON.toJsonTree(options).getAsJsonObject();
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException naming the first bad option
         */
        public RunConfig build() {
            return new RunConfig(
                    task,
                    backbone,
                    dataset,
                    dataRoot,
                    method,
                    k,
                    split,
                    lambdas,
                    auxConfig,
                    optimizer,
                    epochs,
                    batch,
                    evalBatch,
                    evalEvery,
                    lr,
                    momentum,
                    nesterov,
                    weightDecay,
                    schedule,
                    warmupSteps,
                    seed,
                    augment,
                    crop,
                    trainLimit,
                    testLimit,
                    maxSteps,
                    asyncQueue,
                    device,
                    pretrained,
                    pretrainedParts,
                    predictionsFile,
                    taskOptions);
        }
    }
}
