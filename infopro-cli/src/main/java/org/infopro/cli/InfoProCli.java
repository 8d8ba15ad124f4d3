package org.infopro.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.infopro.cli.bench.BenchRunner;
import org.infopro.cli.bench.CaseResult;
import org.infopro.cli.bench.CaseRunner;
import org.infopro.cli.bench.ChildJvm;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.config.RunConfig;
import org.infopro.core.inference.InferenceModel;
import org.infopro.core.inference.InferenceNetwork;
import org.infopro.core.io.AtomicFiles;
import org.infopro.core.io.Json;
import org.infopro.core.spi.Registry;
import org.infopro.core.spi.SuiteProvider;
import org.infopro.core.train.Checkpoint;
import org.infopro.core.train.Experiment;
import org.infopro.core.train.ProgressBar;
import org.infopro.core.train.TorchWeights;
import org.infopro.core.train.Training;
import org.infopro.core.train.TrainingState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** The {@code infopro} command line: list, train, eval, bench. */
@Command(
        name = "infopro",
        mixinStandardHelpOptions = true,
        version = "InfoPro for Java 0.1.0",
        description = "Locally supervised training (InfoPro, DGL, greedy SL) on DJL.",
        subcommands = {
            InfoProCli.ListCommand.class,
            InfoProCli.TrainCommand.class,
            InfoProCli.EvalCommand.class,
            InfoProCli.ExportCommand.class,
            InfoProCli.BenchCommand.class,
            AnalyzeCommand.class,
            InfoProCli.RunCaseCommand.class
        })
public final class InfoProCli implements Runnable {

    /** Runs one command and exits with its status. */
    public static void main(String[] args) {
        ChildJvm.exitWithParent();
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with every task's commands, and failures reported as one line on its error
     * writer.
     */
    public static CommandLine commandLine() {
        CommandLine cli =
                new CommandLine(new InfoProCli()).setCaseInsensitiveEnumValuesAllowed(true);
        Registry registry = Registry.discover();
        registry.commands().forEach(cli::addSubcommand);
        cli.setExecutionExceptionHandler(
                (e, line, parsed) -> {
                    line.getErr().println(errorMessageOf(e));
                    if (System.getenv("INFOPRO_DEBUG") != null) {
                        e.printStackTrace(line.getErr());
                    }
                    return 1;
                });
        return cli;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * One line for a failed command. Expected failures (bad input, unknown names, unreadable files)
     * carry a message that names the option or file; anything else is a bug or a library fault,
     * shown with its type and how to get the stack trace — never a bare {@code null}.
     */
    public static String errorMessageOf(Exception e) {
        boolean expected =
                e instanceof IllegalArgumentException
                        || e instanceof IOException
                        || e instanceof java.io.UncheckedIOException;
        String message = e.getMessage();
        if (expected && message != null && !message.isBlank()) {
            return "error: " + message;
        }
        return "error: "
                + e.getClass().getName()
                + (message == null || message.isBlank() ? "" : ": " + message)
                + " (unexpected; run with INFOPRO_DEBUG=1 for the stack trace)";
    }

    /** Lists what the registry knows. */
    @Command(name = "list", description = "List tasks, backbones, datasets, methods and suites.")
    static final class ListCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            Registry registry = Registry.discover();
            System.out.println("tasks:     " + String.join(", ", registry.taskNames()));
            System.out.println("backbones: " + String.join(", ", registry.backboneNames()));
            System.out.println("datasets:  " + String.join(", ", registry.datasetNames()));
            System.out.println("methods:   " + String.join(", ", registry.objectiveNames()));
            for (String task : registry.taskNames()) {
                SuiteProvider plugin = registry.suites(task);
                System.out.println(
                        "suites of " + task + ": " + String.join(", ", plugin.suiteNames()));
            }
            return 0;
        }
    }

    /** Trains one model, with checkpoints and resume. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "Train one model; checkpoints to OUT/checkpoint.ckpt.",
            modelTransformer = SettingOptions.All.class)
    static final class TrainCommand implements Callable<Integer> {
        /** What {@code --resume} may change: everything else is the run's own configuration. */
        static final Set<String> RESUMABLE =
                Set.of("--out", "--resume", "--epochs", "--data", "--checkpoint-every", "--device");

        @Spec CommandSpec spec;

        @Option(names = "--out", required = true, description = "Run folder.")
        Path out;

        @Option(
                names = "--resume",
                description =
                        "Continue the run in --out from its last intact checkpoint (--epochs,"
                                + " --data, --checkpoint-every and --device may change; nothing"
                                + " else).")
        boolean resume;

        @Option(
                names = "--overwrite",
                description = "Start over in an --out that already holds a run, replacing it.")
        boolean overwrite;

        @Option(
                names = "--checkpoint-every",
                defaultValue = "50",
                description =
                        "Checkpoint every N steps (default: ${DEFAULT-VALUE}; epoch ends always).")
        int checkpointEvery;

        @Override
        public Integer call() throws IOException {
            if (checkpointEvery < 0) {
                throw new IllegalArgumentException(
                        "--checkpoint-every must be ≥ 0 (0 = epoch ends only), got "
                                + checkpointEvery);
            }
            Path file = RunFolder.checkpoint(out);
            Registry registry = Registry.discover();
            ParseResult given = spec.commandLine().getParseResult();
            RunConfig config;
            Path resumeFrom = null;
            if (resume) {
                refuseOptionsResumeCannotChange();
                resumeFrom = Checkpoint.intact(file, System.err);
                Checkpoint header = Checkpoint.readHeader(resumeFrom);
                // Only the options resume may change were given, so this applies exactly those.
                config =
                        SettingOptions.apply(
                                given, Checkpoint.untrustedPathsCleared(header.config()), registry);
                TrainingState state = header.state();
                System.err.printf(
                        Locale.ROOT,
                        "Resuming %s at epoch %d, step %d%n",
                        resumeFrom,
                        state.epoch + 1,
                        state.stepInEpoch);
            } else {
                config = SettingOptions.apply(given, RunConfig.defaults(), registry);
                RunFolder.prepareForNewRun(out, overwrite);
            }
            RunFolder.requireWritable(out);
            try (Experiment experiment =
                    Experiment.builder()
                            .setConfig(config)
                            .optRegistry(registry)
                            .optResuming(resumeFrom != null)
                            .build()) {
                Training training =
                        new Training(experiment)
                                .addListener(ProgressBar.onConsole())
                                .checkpointTo(file, checkpointEvery);
                System.err.println(experiment.describe());
                AtomicFiles.writeString(RunFolder.config(out), experiment.config().toJson());
                TrainingState done =
                        resumeFrom != null
                                ? training.resume(resumeFrom, System.err)
                                : training.run();
                AtomicFiles.writeString(out.resolve("history.json"), Json.GSON.toJson(done));
                TrainingState.EpochRecord last = done.history.get(done.history.size() - 1);
                System.out.println(
                        "final test "
                                + last.test
                                + ", steps "
                                + done.globalStep
                                + String.format(Locale.ROOT, ", %.0f ms/step", done.msPerStep()));
            }
            return 0;
        }

        /** A resumed run keeps its configuration: an option that would change it is an error. */
        private void refuseOptionsResumeCannotChange() {
            List<String> refused =
                    spec.commandLine().getParseResult().matchedOptions().stream()
                            .map(OptionSpec::longestName)
                            .filter(name -> !RESUMABLE.contains(name))
                            .distinct()
                            .toList();
            if (!refused.isEmpty()) {
                throw new IllegalArgumentException(
                        "--resume continues the run as it was configured; "
                                + String.join(", ", refused)
                                + " cannot"
                                + " change on resume (only --epochs, --data,"
                                + " --checkpoint-every and --device can). Start a new run with another --out"
                                + " to change "
                                + (refused.size() == 1 ? "it" : "them")
                                + ".");
            }
        }
    }

    /** Evaluates a checkpoint. */
    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description =
                    "Evaluate a checkpoint on its dataset's test split; the data folder, the device"
                            + " and test-time options may differ from training.",
            modelTransformer = SettingOptions.Evaluation.class)
    static final class EvalCommand implements Callable<Integer> {
        @Parameters(index = "0", description = "Checkpoint file (OUT/checkpoint.ckpt).")
        Path checkpoint;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RunConfig config =
                    SettingOptions.apply(
                            spec.commandLine().getParseResult(),
                            trustedConfigOf(checkpoint, null),
                            Registry.discover());
            try (Experiment experiment = testExperimentOf(checkpoint, config)) {
                Map<String, Double> values = experiment.evaluate(experiment.test());
                System.out.println(Json.GSON.toJson(values));
            }
            return 0;
        }
    }

    /**
     * A checkpoint's configuration without the output paths it stored, on {@code dataRoot} when the
     * data moved (null: where it was trained).
     */
    private static RunConfig trustedConfigOf(Path checkpoint, String dataRoot) throws IOException {
        RunConfig config =
                Checkpoint.untrustedPathsCleared(Checkpoint.readHeader(checkpoint).config());
        return dataRoot == null ? config : config.toBuilder().optDataRoot(dataRoot).build();
    }

    /** The test split and the checkpoint's weights, for evaluation or export. */
    private static Experiment testExperimentOf(Path checkpoint, RunConfig config)
            throws IOException {
        Experiment experiment =
                Experiment.create(config, Registry.discover(), Experiment.Data.TEST_ONLY);
        try {
            Checkpoint.load(checkpoint, experiment.network(), null, experiment.manager());
            return experiment;
        } catch (IOException | RuntimeException e) {
            experiment.close();
            throw e;
        }
    }

    /** Writes a checkpoint's backbone and task head as an inference model or PyTorch weights. */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description =
                    "Write a checkpoint's backbone and task head (no auxiliary nets, no optimizer)"
                            + " as an inference model that loads without any dataset, or as"
                            + " PyTorch weights.")
    static final class ExportCommand implements Callable<Integer> {
        @Parameters(
                index = "0",
                description =
                        "Checkpoint file (OUT/checkpoint.ckpt); with --torch also an inference"
                                + " model.")
        Path checkpoint;

        @Option(names = "--model", description = "The inference model file to write.")
        Path model;

        @Option(
                names = "--torch",
                paramLabel = "FILE",
                description =
                        "Instead: a state dict in PyTorch's names (torchvision's, timm's,"
                                + " mmsegmentation's, mmdetection's) as .safetensors, or .pth as"
                                + " torch.save writes it; model.load_state_dict takes either.")
        Path torch;

        @Option(
                names = "--prefix",
                defaultValue = "",
                description =
                        "With --torch: where the backbone goes, e.g. backbone. as mmsegmentation"
                                + " and mmdetection keep it, backbone.body. as torchvision's"
                                + " detectors do (a detector's heads then get torchvision's"
                                + " names; default: none).")
        String prefix;

        @Option(
                names = "--parts",
                defaultValue = "backbone",
                description =
                        "With --torch: backbone or all (with the task head; default: ${DEFAULT-VALUE}).")
        RunConfig.PretrainedParts parts;

        @Option(
                names = "--data",
                description =
                        "Dataset folder, if it moved since training (its test split gives the"
                                + " class names and normalisation).")
        String dataRoot;

        @Option(names = "--overwrite", description = "Replace an existing model file.")
        boolean overwrite;

        @Override
        public Integer call() throws IOException {
            if ((model == null) == (torch == null)) {
                throw new IllegalArgumentException("give one of --model FILE and --torch FILE");
            }
            Path target = model != null ? model : torch;
            if (Files.exists(target) && !overwrite) {
                throw new IllegalArgumentException(
                        (model != null ? "--model " : "--torch ")
                                + target
                                + " exists; pass --overwrite to replace it");
            }
            if (torch != null && InferenceModel.isInferenceModel(checkpoint)) {
                exportModelWeights();
            } else {
                exportCheckpoint();
            }
            System.out.println("Wrote " + target);
            return 0;
        }

        /** A checkpoint as an inference model or PyTorch weights; its test split is opened. */
        private void exportCheckpoint() throws IOException {
            // The weights are the same on any device; no GPU is needed.
            RunConfig config =
                    trustedConfigOf(checkpoint, dataRoot).toBuilder().optDevice("cpu").build();
            try (Experiment experiment = testExperimentOf(checkpoint, config)) {
                if (model != null) {
                    InferenceModel.export(experiment, model);
                } else {
                    TorchWeights.export(
                            experiment.network(), experiment.task(), torch, prefix, parts);
                }
            }
        }

        /** An inference model's weights: no dataset is needed. */
        private void exportModelWeights() throws IOException {
            try (InferenceModel loaded = InferenceModel.load(checkpoint)) {
                InferenceNetwork network = loaded.network();
                TorchWeights.export(
                        network.backbone(),
                        network.head(),
                        Registry.discover().task(loaded.header().task()),
                        torch,
                        prefix,
                        parts);
            }
        }
    }

    /** Runs a benchmark suite. */
    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description =
                    "Run a task's benchmark suite; writes results.json, results.md and PNG charts.")
    static final class BenchCommand implements Callable<Integer> {
        @Parameters(index = "0", description = "Task, e.g. classification.")
        String task;

        @Option(
                names = "--suite",
                defaultValue = "quick",
                description = "Suite name (default: ${DEFAULT-VALUE}); see `infopro list`.")
        String suite;

        @Option(names = "--out", description = "Output folder (default: runs/<task>-<suite>).")
        Path out;

        @Option(names = "--epochs", description = "Epochs per case.")
        Integer epochs;

        @Option(
                names = "--methods",
                split = ",",
                description = "Methods to run (default: the suite's).")
        List<String> methods;

        @Option(
                names = "--k",
                split = ",",
                description = "Values of K to run (default: the suite's).")
        List<Integer> ks;

        @Option(names = "--data", description = "Dataset folder.")
        String dataRoot;

        @Option(names = "--steps", description = "Steps per case (memory suites) or per epoch.")
        Integer steps;

        @Option(
                names = "--batch",
                description =
                        "Batch size of every case (e.g. to run a GPU protocol's step on a CPU).")
        Integer batch;

        @Option(
                names = "--pretrained",
                paramLabel = "FILE",
                description =
                        "PyTorch weights every case starts from (the paper suites of"
                                + " segmentation, detection and ImageNet; docs/pretrained.md).")
        String pretrained;

        @Option(
                names = "--jobs",
                description =
                        "Cases run at once, each on an equal share of the cores (default: the"
                                + " suite's, 1 for most; memory suites always 1).")
        Integer jobs;

        /** Every method of --methods and every K of --k is one the suite runs. */
        private void requireInSuite(BenchSuite whole) {
            requireIn("--methods", methods, whole, c -> c.method(), m -> "method '" + m + "'", "");
            requireIn("--k", ks, whole, c -> c.k(), k -> "K=" + k, "K in ");
        }

        private <T> void requireIn(
                String option,
                List<T> given,
                BenchSuite whole,
                java.util.function.Function<RunConfig, T> field,
                java.util.function.Function<T, String> name,
                String listLabel) {
            java.util.Set<T> known = new java.util.TreeSet<>();
            whole.cases().forEach(c -> known.add(field.apply(c)));
            for (T value : given == null ? List.<T>of() : given) {
                if (!known.contains(value)) {
                    throw new IllegalArgumentException(
                            option
                                    + ": suite '"
                                    + suite
                                    + "' has no "
                                    + name.apply(value)
                                    + "; it runs "
                                    + listLabel
                                    + known);
                }
            }
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            positive("--epochs", epochs);
            positive("--steps", steps);
            positive("--batch", batch);
            positive("--jobs", jobs);
            SuiteProvider plugin = Registry.discover().suites(task);
            BenchSuite whole =
                    plugin.suite(
                                    suite,
                                    new BenchSuite.Overrides(
                                            epochs, null, null, dataRoot, steps, batch, pretrained))
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "Unknown suite '"
                                                            + suite
                                                            + "' for task "
                                                            + task
                                                            + "; known: "
                                                            + plugin.suiteNames()));
            requireInSuite(whole);
            BenchSuite selected =
                    plugin.suite(
                                    suite,
                                    new BenchSuite.Overrides(
                                            epochs,
                                            methods,
                                            ks,
                                            dataRoot,
                                            steps,
                                            batch,
                                            pretrained))
                            .orElseThrow();
            if (selected.cases().isEmpty()) {
                throw new IllegalArgumentException(
                        "No case of suite '"
                                + suite
                                + "' has both a method of --methods "
                                + methods
                                + " and a K of --k "
                                + ks);
            }
            Path folder = out != null ? out : Path.of("runs", task + "-" + suite);
            RunFolder.requireWritable(folder);
            List<Map<String, Object>> records =
                    new BenchRunner(folder, System.err, jobs).run(selected);
            return records.stream().anyMatch(r -> r.containsKey("error")) ? 1 : 0;
        }
    }

    private static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(option + " must be ≥ 1, got " + value);
        }
    }

    /** Runs one benchmark case in this JVM (used by the bench runner's child processes). */
    @Command(name = "run-case", hidden = true)
    static final class RunCaseCommand implements Callable<Integer> {
        @Parameters(index = "0")
        Path configFile;

        @Parameters(index = "1")
        Path resultFile;

        @Parameters(index = "2")
        BenchSuite.Measure measure;

        @Override
        public Integer call() throws IOException {
            RunConfig config =
                    RunConfig.fromJson(Files.readString(configFile), configFile.toString());
            CaseResult result = CaseRunner.run(config, measure);
            AtomicFiles.writeString(resultFile, Json.GSON.toJson(result.fields()));
            return 0;
        }
    }
}
