package org.infopro.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.infopro.cli.analysis.Analysis;
import org.infopro.cli.analysis.InformationProbes;
import org.infopro.cli.analysis.ProbeReport;
import org.infopro.core.config.RunConfig;
import org.infopro.core.spi.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code infopro analyze}: the information probes of App. B on trained networks. */
@Command(
        name = "analyze",
        description =
                "Probe every layer of trained networks: linear separability, I(h,x) by a decoder"
                        + " and I(h,y) by a ResNet-32 on frozen features; writes analysis.json,"
                        + " analysis.md and information.png. Without checkpoints, trains --models"
                        + " first (into OUT/models, resumable).",
        modelTransformer = SettingOptions.All.class)
final class AnalyzeCommand implements Callable<Integer> {

    /** Training samples of the fast mode's models: 200 steps of 64. */
    private static final int FAST_TRAIN_SAMPLES = 12800;

    /** Options the parent sets for each child itself. */
    private static final List<String> PER_CHILD = List.of("--models", "--out", "--jobs");

    @Parameters(arity = "0..*", paramLabel = "CHECKPOINT", description = "Trained runs to probe.")
    List<Path> checkpoints = new ArrayList<>();

    @Option(
            names = "--models",
            split = ",",
            defaultValue = "e2e,greedy:2,greedy:4,greedy:8,infopro-softmax:4,infopro-softmax:8",
            description =
                    "Networks to train when no checkpoint is given (default: ${DEFAULT-VALUE};"
                            + " InfoPro's softmax variant: the contrastive one was tuned for the"
                            + " paper's batches of 1024).")
    List<String> models;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(
            names = "--fast",
            description =
                    "About half an hour on 2 cores: models on 12800 samples (batch 64, 1 epoch), probes on"
                            + " the same 12800 samples for 1 epoch (Adam, cosine), scored on 2000, at"
                            + " the stem and the end of each stage (layers 1, 6, 11, 16), one model"
                            + " per core at a time.")
    boolean fast;

    @Option(
            names = "--layers",
            split = ",",
            description = "1-based layers to probe (default: all).")
    List<Integer> layers = new ArrayList<>();

    @Option(
            names = "--probe-train",
            defaultValue = "10000",
            description = "Probe training samples.")
    int probeTrain;

    @Option(names = "--probe-test", defaultValue = "2000", description = "Probe test samples.")
    int probeTest;

    @Option(
            names = "--decoder-epochs",
            defaultValue = "10",
            description = "Decoder epochs (paper: 10).")
    int decoderEpochs;

    @Option(
            names = "--classifier-epochs",
            defaultValue = "10",
            description = "I(h,y) classifier epochs.")
    int classifierEpochs;

    @Option(
            names = "--linear-epochs",
            defaultValue = "10",
            description = "Linear classifier epochs.")
    int linearEpochs;

    @Option(
            names = "--probe-adam",
            description =
                    "Train the I(h,y) classifier with Adam 1e-3 instead of the paper's SGD 0.1"
                            + " cosine (steadier over few epochs; --fast sets it).")
    boolean probeAdam;

    @Option(
            names = "--jobs",
            description =
                    "Models trained and probed at once, each in a JVM of its own on an equal share"
                            + " of the cores (default: 1; --fast: one per core).")
    Integer jobs;

    @Option(
            names = "--mean-of",
            split = ",",
            paramLabel = "DIR",
            description =
                    "Instead of probing, average the reports in these folders (analyses of the"
                            + " same networks, e.g. with --seed 0 and --seed 1) layer by layer"
                            + " into --out.")
    List<Path> meanOf = new ArrayList<>();

    @Spec CommandSpec spec;

    @Option(
            names = "--probe-backbone",
            defaultValue = "resnet32",
            description = "The I(h,y) classifier (default: ${DEFAULT-VALUE}).")
    String probeBackbone;

    @Override
    public Integer call() throws Exception {
        if (!meanOf.isEmpty()) {
            averageReports();
            return report();
        }
        RunConfig base =
                SettingOptions.apply(
                        spec.commandLine().getParseResult(),
                        RunConfig.defaults(),
                        Registry.discover());
        if (fast) {
            base =
                    base.toBuilder()
                            .optTrainLimit(FAST_TRAIN_SAMPLES)
                            .optBatch(64)
                            .optEpochs(1)
                            .build();
            if (layers.isEmpty()) {
                layers = List.of(1, 6, 11, 16);
            }
        }
        InformationProbes.Settings settings = probeSettings();
        int parallel = jobs != null ? jobs : fast ? Runtime.getRuntime().availableProcessors() : 1;
        Analysis analysis = new Analysis(Registry.discover(), settings, layers, probeBackbone, out);
        List<Analysis.ModelSpec> specs = models.stream().map(Analysis.ModelSpec::parse).toList();
        if (checkpoints.isEmpty() && parallel > 1 && specs.size() > 1) {
            analysis.inChildren(specs, childArguments(), parallel);
        } else if (checkpoints.isEmpty()) {
            analysis.trainAndProbe(base, specs);
        } else {
            analysis.probeCheckpoints(checkpoints);
        }
        return report();
    }

    private void averageReports() throws IOException {
        List<ProbeReport> reports = new ArrayList<>();
        for (Path dir : meanOf) {
            ProbeReport report = ProbeReport.read(dir);
            if (report.labels().isEmpty()) {
                throw new IllegalArgumentException(dir + " holds no analysis.json");
            }
            reports.add(report);
        }
        ProbeReport.mean(reports, meanOf).write(out);
    }

    private int report() {
        System.out.println(
                "Report: " + out.resolve("analysis.md") + ", " + out.resolve("information.png"));
        return 0;
    }

    /** The probes' budget: the options given, or the fast mode's. */
    InformationProbes.Settings probeSettings() {
        if (fast) {
            // A probe that sees fewer samples than the network did measures how easily y is read
            // from h rather than what h holds: the probes learn from the networks' own samples.
            return new InformationProbes.Settings(FAST_TRAIN_SAMPLES, 2000, 1, 1, 1, 64, false);
        }
        return new InformationProbes.Settings(
                probeTrain,
                probeTest,
                decoderEpochs,
                classifierEpochs,
                linearEpochs,
                64,
                !probeAdam);
    }

    /** This command's own arguments without those the parent sets per child. */
    private List<String> childArguments() {
        List<String> args = new ArrayList<>(List.of("analyze"));
        // The original arguments of the whole command line: this command's follow its name.
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        List<String> original = all.subList(all.indexOf(spec.name()) + 1, all.size());
        for (int i = 0; i < original.size(); i++) {
            String arg = original.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (PER_CHILD.contains(name)) {
                i += arg.contains("=") ? 0 : 1; // skip the option's value too
            } else {
                args.add(arg);
            }
        }
        return args;
    }
}
