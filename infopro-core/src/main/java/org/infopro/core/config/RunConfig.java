package org.infopro.core.config;

import org.infopro.core.io.Json;
import org.infopro.core.optim.LrSchedule;
import org.infopro.core.optim.Optimizer;

/**
 * Everything that defines one training run, as plain fields so it can be written into checkpoints
 * and result files and read back (Gson).
 *
 * <p>Defaults are the standard Fashion-MNIST protocol: batch 128, SGD momentum 0.9 Nesterov, lr 0.1
 * with per-step cosine decay, weight decay 1e-4, no augmentation, seed 0.
 */
public final class RunConfig {
    public String task = "classification";
    public String backbone = "resnet32";
    public String dataset = "fashion-mnist";

    /** Dataset folder; null means the provider's standard location. */
    public String dataRoot;

    public String method = "infopro-contrast";
    public int k = 2;

    /** {@code infopro} (paper table), {@code infopro*} (memory-balanced table) or {@code even}. */
    public String split = "infopro";

    /** λ schedule override {@code λ1,λ2[,λ1last,λ2last]}; null takes the backbone's table. */
    public String lambdas;

    /** Auxiliary-classifier depth override, e.g. {@code 2c2f}; null takes the method's default. */
    public String auxConfig;

    /** The optimizer: PyTorch's SGD (momentum, Nesterov, L2 decay), Adam or AdamW. */
    public enum OptimizerKind {
        SGD,
        ADAM,
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

    public OptimizerKind optimizer = OptimizerKind.SGD;

    public int epochs = 1;
    public int batch = 128;
    public int evalBatch = 500;
    public float lr = 0.1f;
    public float momentum = 0.9f;
    public boolean nesterov = true;
    public float weightDecay = 1e-4f;
    public String schedule = "cosine";

    /** Linear warm-up from 0.001 × the schedule over this many steps (0 = none). */
    public int warmupSteps;

    public long seed = 0;
    public boolean augment;

    /** Training crop {height, width} for dense tasks; null = the dataset's standard crop. */
    public int[] crop;

    /** Use only the first N training samples (0 = all). */
    public int trainLimit;

    /** Use only the first N test samples (0 = all). */
    public int testLimit;

    /** Evaluate on the test split every N epochs; the last epoch always is. */
    public int evalEvery = 1;

    /** Stop each epoch after this many steps (0 = the whole epoch); for quick and memory runs. */
    public int maxSteps;

    /** Frames sampled per clip (TSN segments) for video tasks. */
    public int segments = 8;

    /** Clips per test video, spread evenly over it; their scores are averaged (video tasks). */
    public int testClips = 1;

    /** Test-time scales for tasks with multi-scale inference; null = the trained scale only. */
    public float[] testScales;

    /** Also predict on horizontally flipped inputs at test time and average. */
    public boolean testFlip;

    /** Sliding-window inference: window {height, width}; null = the whole image at once. */
    public int[] testCrop;

    /** Sliding-window stride {height, width}; null = two thirds of the window. */
    public int[] testStride;

    /**
     * Where evaluation writes its predictions for other tools (path without extension; the task
     * adds its suffix), or null for nowhere. Benchmarks set it per case.
     */
    public String predictionsFile;

    /**
     * Asynchronous training (Asy-InfoPro): batches that may wait between two modules, each module
     * on a worker thread of its own; 0 trains the modules simultaneously.
     */
    public int asyncQueue;

    /**
     * {@code cpu}, {@code gpu} or {@code gpu:N}; null takes the engine's default (a GPU if any).
     */
    public String device;

    /**
     * The device this run trains on.
     *
     * @throws IllegalArgumentException for a malformed name, or a GPU the engine cannot see
     */
    public ai.djl.Device resolveDevice() {
        if (device == null) {
            return ai.djl.engine.Engine.getInstance().defaultDevice();
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(cpu|gpu)(?::(\\d+))?").matcher(device);
        if (!m.matches() || m.group(1).equals("cpu") && m.group(2) != null) {
            throw new IllegalArgumentException(
                    "--device takes cpu, gpu or gpu:N, got '" + device + "'");
        }
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

    /**
     * Checks every field that needs no registry look-up, so that a bad value fails before any data
     * is read, naming the command-line option it comes from.
     *
     * @return this configuration
     * @throws IllegalArgumentException naming the first bad option and what is wrong with it
     */
    public RunConfig validate() {
        atLeast("--k", k, 1);
        atLeast("--epochs", epochs, 1);
        atLeast("--batch", batch, 1);
        atLeast("--eval-batch", evalBatch, 1);
        atLeast("--eval-every", evalEvery, 1);
        atLeast("--warmup-steps", warmupSteps, 0);
        atLeast("--train-limit", trainLimit, 0);
        atLeast("--test-limit", testLimit, 0);
        atLeast("--max-steps", maxSteps, 0);
        atLeast("--segments", segments, 1);
        atLeast("--test-clips", testClips, 1);
        atLeast("--async", asyncQueue, 0);
        finiteAtLeastZero("--lr", lr);
        finiteAtLeastZero("--weight-decay", weightDecay);
        if (optimizer == null) {
            throw new IllegalArgumentException("--optimizer must be one of sgd, adam, adamw");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (asyncQueue > 0 && k < 2) {
            throw new IllegalArgumentException(
                    "--async " + asyncQueue + " needs K ≥ 2 modules (got K=" + k + ")");
        }
        pixels("--crop", crop);
        pixels("--test-crop", testCrop);
        pixels("--test-stride", testStride);
        if (testScales != null) {
            for (float scale : testScales) {
                if (!(scale > 0) || !Float.isFinite(scale)) {
                    throw new IllegalArgumentException(
                            "--test-scales must be positive numbers, got " + scale);
                }
            }
        }
        if (lambdas != null) {
            org.infopro.core.objective.LambdaSchedule.parse(lambdas);
        }
        LrSchedule.named(schedule, lr, epochs);
        return this;
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

    private static void pixels(String option, int[] size) {
        if (size != null && (size.length != 2 || size[0] < 1 || size[1] < 1)) {
            throw new IllegalArgumentException(
                    option
                            + " takes HEIGHTxWIDTH of at least 1x1, got "
                            + java.util.Arrays.toString(size));
        }
    }

    /** The training recipe these fields describe. */
    public TrainingRecipe recipe() {
        return new TrainingRecipe(
                optimizer.create(momentum, nesterov, weightDecay),
                LrSchedule.withWarmup(LrSchedule.named(schedule, lr, epochs), warmupSteps),
                epochs,
                batch,
                seed,
                augment);
    }

    /** A field-by-field copy. */
    public RunConfig copy() {
        return Json.GSON.fromJson(Json.GSON.toJson(this), RunConfig.class);
    }
}
