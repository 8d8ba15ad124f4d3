package org.infopro.cli.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.infopro.cli.bench.ChildJvm;
import org.infopro.core.config.RunConfig;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.CutPoint;
import org.infopro.core.spi.Registry;
import org.infopro.core.train.Checkpoint;
import org.infopro.core.train.Experiment;
import org.infopro.core.train.ProgressBar;
import org.infopro.core.train.Training;

/**
 * {@code infopro analyze}: trains (or loads) a set of networks and probes every requested layer of
 * each, writing a {@link ProbeReport} after every network so that an interrupted analysis resumes
 * where it stopped.
 */
public final class Analysis {

    /** A network to train: a method and K, written {@code greedy:4} ({@code e2e} alone). */
    public record ModelSpec(String method, int k) {

        /** Parses {@code method:K}, or {@code e2e}. */
        public static ModelSpec parse(String text) {
            String[] parts = text.trim().split(":");
            if (parts.length == 1 && parts[0].equals("e2e")) {
                return new ModelSpec("e2e", 1);
            }
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        "A model is METHOD:K (or e2e), e.g. greedy:4; got '" + text + "'");
            }
            return new ModelSpec(parts[0], Integer.parseInt(parts[1]));
        }

        /** The command-line form, e.g. {@code greedy:4}. */
        public String text() {
            return k == 1 && method.equals("e2e") ? method : method + ":" + k;
        }

        /** The label in tables and plots, e.g. {@code greedy K=4}. */
        public String label() {
            return k == 1 ? method : method + " K=" + k;
        }
    }

    private final Registry registry;
    private final InformationProbes.Settings settings;
    private final List<Integer> layers;
    private final String probeBackbone;
    private final Path out;

    /**
     * @param layers 1-based layers to probe; empty for all
     * @param probeBackbone the I(h,y) classifier's backbone, e.g. {@code resnet32}
     * @param out where models and the report go
     */
    public Analysis(
            Registry registry,
            InformationProbes.Settings settings,
            List<Integer> layers,
            String probeBackbone,
            Path out) {
        this.registry = registry;
        this.settings = settings;
        this.layers = layers;
        this.probeBackbone = probeBackbone;
        this.out = out;
    }

    /**
     * Trains each model from {@code base} (or reuses its finished run in OUT/models), then probes.
     */
    public ProbeReport trainAndProbe(RunConfig base, List<ModelSpec> models) throws IOException {
        ProbeReport report = ProbeReport.read(out);
        for (ModelSpec spec : models) {
            if (report.has(spec.label())) {
                System.err.println("Already probed: " + spec.label());
                continue;
            }
            Path checkpoint =
                    out.resolve("models").resolve(dirName(spec)).resolve("checkpoint.ckpt");
            if (!finished(checkpoint)) {
                train(base.toBuilder().optMethod(spec.method()).optK(spec.k()).build(), checkpoint);
            }
            probe(spec.label(), checkpoint, report);
        }
        report.write(out); // also re-renders a finished report
        return report;
    }

    /**
     * Trains and probes each model in a JVM of its own, {@code parallel} at a time, each into
     * {@code OUT/parts/<model>} (resumable, with its log there), then merges their reports in the
     * order given.
     *
     * @param arguments the {@code analyze} command line every child shares
     */
    public ProbeReport inChildren(List<ModelSpec> models, List<String> arguments, int parallel)
            throws IOException, InterruptedException {
        ProbeReport report = ProbeReport.read(out);
        List<Callable<Void>> runs = new ArrayList<>();
        for (ModelSpec spec : models) {
            if (!report.has(spec.label())) {
                runs.add(() -> runChild(spec, arguments, parallel));
            }
        }
        ChildJvm.runAll(runs, parallel);
        for (ModelSpec spec : models) {
            if (!report.has(spec.label())) {
                report.add(spec.label(), ProbeReport.read(part(spec)).estimates(spec.label()));
            }
        }
        report.write(out);
        return report;
    }

    private Void runChild(ModelSpec spec, List<String> arguments, int parallel)
            throws IOException, InterruptedException {
        Path part = Files.createDirectories(part(spec));
        Path log = part.resolve("analyze.log");
        List<String> args = new ArrayList<>(arguments);
        args.addAll(List.of("--models", spec.text(), "--out", part.toString(), "--jobs", "1"));
        System.err.println("Started " + spec.label() + " (log: " + log + ")");
        int exit = ChildJvm.run(args, parallel, log, Map.of());
        if (exit != 0) {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            String tail =
                    String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            throw new IOException(
                    spec.label() + " failed with status " + exit + "; " + log + " ends:\n" + tail);
        }
        System.err.println("Finished " + spec.label());
        return null;
    }

    private Path part(ModelSpec spec) {
        return out.resolve("parts").resolve(dirName(spec));
    }

    /** Probes trained runs, labelled by their method and K. */
    public ProbeReport probeCheckpoints(List<Path> checkpoints) throws IOException {
        ProbeReport report = ProbeReport.read(out);
        for (Path checkpoint : checkpoints) {
            RunConfig config = Checkpoint.readHeader(checkpoint).config();
            String label = new ModelSpec(config.method(), config.k()).label();
            if (!report.has(label)) {
                probe(label, checkpoint, report);
            }
        }
        report.write(out);
        return report;
    }

    private void probe(String label, Path checkpoint, ProbeReport report) throws IOException {
        RunConfig config = Checkpoint.readHeader(checkpoint).config();
        try (Experiment experiment =
                Experiment.create(config, registry, Experiment.Data.TRAIN_AND_TEST)) {
            Checkpoint.load(checkpoint, experiment.network(), null, experiment.manager());
            Backbone names =
                    registry.backbone(config.backbone())
                            .create(config.backbone(), experiment.test().sampleShape(), config);
            List<String> blockNames = names.cutPoints().stream().map(CutPoint::name).toList();
            List<Integer> chosen = new ArrayList<>(layers);
            if (chosen.isEmpty()) {
                for (int l = 1; l <= blockNames.size(); l++) {
                    chosen.add(l);
                }
            }
            InformationProbes probes =
                    new InformationProbes(
                            experiment.task(),
                            shape ->
                                    registry.backbone(probeBackbone)
                                            .create(probeBackbone, shape, config),
                            settings);
            long start = System.nanoTime();
            report.add(
                    label,
                    probes.estimate(
                            experiment.network(),
                            blockNames,
                            experiment.train(),
                            experiment.test(),
                            chosen,
                            e ->
                                    System.err.printf(
                                            Locale.ROOT,
                                            "%s layer %d (%s): linear error %.1f%%, I(h,x) %.3f,"
                                                    + " I(h,y) %.3f  [%.0f s]%n",
                                            label,
                                            e.layer(),
                                            e.block(),
                                            e.linearError(),
                                            e.informationX(),
                                            e.informationY(),
                                            (System.nanoTime() - start) / 1e9)));
            report.write(out);
        }
    }

    private static void train(RunConfig config, Path checkpoint) throws IOException {
        Files.createDirectories(checkpoint.getParent());
        boolean resume = Files.exists(checkpoint);
        try (Experiment experiment =
                Experiment.builder().setConfig(config).optResuming(resume).build()) {
            Training training =
                    new Training(experiment)
                            .addListener(ProgressBar.onConsole())
                            .checkpointTo(checkpoint, 50);
            System.err.println("Training " + config.method() + " K=" + config.k());
            if (resume) {
                training.resume(checkpoint, System.err);
            } else {
                training.run();
            }
        }
    }

    private static boolean finished(Path checkpoint) throws IOException {
        if (!Files.exists(checkpoint)) {
            return false;
        }
        Checkpoint header = Checkpoint.readHeader(checkpoint);
        return header.state().epoch >= header.config().epochs();
    }

    private static String dirName(ModelSpec spec) {
        return spec.method() + "-k" + spec.k();
    }
}
