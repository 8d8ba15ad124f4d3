package org.infopro.core.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.infopro.core.analysis.Analysis;
import org.infopro.core.analysis.InformationProbes;
import org.infopro.core.spi.Registry;
import org.infopro.core.train.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infopro analyze}: the information probes of App. B on trained networks. */
@Command(
        name = "analyze",
        description =
                "Probe every layer of trained networks: linear separability, I(h,x) by a decoder"
                        + " and I(h,y) by a ResNet-32 on frozen features; writes analysis.json,"
                        + " analysis.md and information.png. Without checkpoints, trains --models"
                        + " first (into OUT/models, resumable).")
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "CHECKPOINT", description = "Trained runs to probe.")
    List<Path> checkpoints = new ArrayList<>();

    @Mixin InfoProCli.RunOptions options;

    @Option(
            names = "--models",
            split = ",",
            defaultValue = "e2e,greedy:2,greedy:4,greedy:8,infopro-contrast:4,infopro-contrast:8",
            description =
                    "Networks to train when no checkpoint is given (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(
            names = "--fast",
            description =
                    "Minutes on 2 cores: models on the quick budget (6400 samples, batch 64, 1"
                            + " epoch), probes on 3000/1000 samples for 2-3 epochs (Adam), every"
                            + " other layer.")
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
            names = "--probe-backbone",
            defaultValue = "resnet32",
            description = "The I(h,y) classifier (default: ${DEFAULT-VALUE}).")
    String probeBackbone;

    @Override
    public Integer call() throws Exception {
        RunConfig base = options.toConfig();
        InformationProbes.Settings settings =
                new InformationProbes.Settings(
                        probeTrain,
                        probeTest,
                        decoderEpochs,
                        classifierEpochs,
                        linearEpochs,
                        64,
                        true);
        if (fast) {
            base.trainLimit = 6400;
            base.batch = 64;
            base.epochs = 1;
            settings = new InformationProbes.Settings(3000, 1000, 2, 3, 3, 64, false);
            if (layers.isEmpty()) {
                layers = List.of(1, 3, 5, 7, 9, 11, 13, 15, 16);
            }
        }
        Analysis analysis = new Analysis(Registry.discover(), settings, layers, probeBackbone, out);
        if (checkpoints.isEmpty()) {
            analysis.trainAndProbe(base, models.stream().map(Analysis.ModelSpec::parse).toList());
        } else {
            analysis.probeCheckpoints(checkpoints);
        }
        System.out.println(
                "Report: " + out.resolve("analysis.md") + ", " + out.resolve("information.png"));
        return 0;
    }
}
