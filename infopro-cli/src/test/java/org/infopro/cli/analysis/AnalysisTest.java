package org.infopro.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infopro.classification.Synthetic;
import org.infopro.cli.InfoProCli;
import org.infopro.cli.analysis.InformationProbes.LayerEstimate;
import org.infopro.core.config.RunConfig;
import org.infopro.core.spi.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code infopro analyze} on tiny runs: trains, probes, reports, and resumes. */
class AnalysisTest {

    @TempDir Path dir;

    @Test
    void probesEveryLayerOfEveryModelAndWritesTheReport() throws Exception {
        RunConfig base =
                RunConfig.builder()
                        .optBackbone("resnet8-tiny")
                        .optDataset("fashion-mnist")
                        .optDataRoot(
                                Synthetic.writeIdxDataset(dir.resolve("data"), 640, 200).toString())
                        .optSplit("even")
                        .optEpochs(2)
                        .optBatch(32)
                        .optEvalBatch(100)
                        .build();
        Path out = dir.resolve("analysis");
        Analysis analysis =
                new Analysis(
                        Registry.discover(),
                        new InformationProbes.Settings(320, 100, 3, 2, 3, 32, true),
                        List.of(),
                        "resnet8-tiny",
                        out);
        List<Analysis.ModelSpec> models =
                List.of(Analysis.ModelSpec.parse("e2e"), Analysis.ModelSpec.parse("greedy:2"));
        analysis.trainAndProbe(base, models);
        for (String file : List.of("analysis.json", "analysis.md", "information.png")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        ProbeReport report = ProbeReport.read(out);
        for (String label : List.of("e2e", "greedy K=2")) {
            List<LayerEstimate> layers = report.estimates(label);
            assertEquals(4, layers.size(), "stem + 3 blocks of " + label);
            for (LayerEstimate e : layers) {
                assertTrue(e.informationX() > 0 && e.informationX() < 1, e.toString());
                assertTrue(e.informationY() >= 0.1 && e.informationY() <= 1, e.toString());
                assertTrue(e.linearError() >= 0 && e.linearError() <= 100, e.toString());
            }
        }
        // A second call finds every model probed: nothing is trained or probed again.
        String written = Files.readString(out.resolve("analysis.json"));
        long trained =
                Files.getLastModifiedTime(out.resolve("models/e2e-k1/checkpoint.ckpt")).toMillis();
        analysis.trainAndProbe(base, models);
        assertEquals(written, Files.readString(out.resolve("analysis.json")));
        assertEquals(
                trained,
                Files.getLastModifiedTime(out.resolve("models/e2e-k1/checkpoint.ckpt")).toMillis());
    }

    @Test
    void analyzeWithJobsRunsEachModelInAChildAndMergesInOrder() throws Exception {
        Path data = Synthetic.writeIdxDataset(dir.resolve("data"), 640, 200);
        Path out = dir.resolve("parallel");
        int exit =
                new CommandLine(new InfoProCli())
                        .execute(
                                "analyze",
                                "--backbone=resnet8-tiny",
                                "--data=" + data,
                                "--split=even",
                                "--batch=32",
                                "--models=greedy:2,e2e",
                                "--probe-train=320",
                                "--probe-test=100",
                                "--decoder-epochs=1",
                                "--classifier-epochs=1",
                                "--linear-epochs=1",
                                "--probe-backbone=resnet8-tiny",
                                "--layers=1,4",
                                "--jobs=2",
                                "--out=" + out);
        assertEquals(0, exit);
        ProbeReport report = ProbeReport.read(out);
        assertEquals(2, report.estimates("greedy K=2").size());
        assertEquals(2, report.estimates("e2e").size());
        String md = Files.readString(out.resolve("analysis.md"));
        assertTrue(md.indexOf("greedy K=2") < md.indexOf("| e2e"), md);
        assertTrue(Files.exists(out.resolve("parts/e2e-k1/analyze.log")));
    }
}
