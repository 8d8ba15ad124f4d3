package org.infopro.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infopro.cli.analysis.InformationProbes.LayerEstimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing, reading back and averaging probe reports. */
class ProbeReportTest {

    @TempDir Path dir;

    @Test
    void meanAveragesEveryEstimateLayerByLayerAfterARoundTrip() throws Exception {
        ProbeReport seed0 = report(new LayerEstimate(1, "stem", 10, 0.8, 0.7));
        ProbeReport seed1 = report(new LayerEstimate(1, "stem", 20, 0.6, 0.9));
        seed1.write(dir);
        assertTrue(Files.exists(dir.resolve("information.png")));

        ProbeReport mean = ProbeReport.mean(List.of(seed0, ProbeReport.read(dir)), sources());

        LayerEstimate averaged = mean.estimates("greedy K=2").get(0);
        assertEquals(15, averaged.linearError(), 1e-9);
        assertEquals(0.7, averaged.informationX(), 1e-9);
        assertEquals(0.8, averaged.informationY(), 1e-9);
        assertEquals(List.of("greedy K=2"), mean.labels());
    }

    @Test
    void reportsOfOtherLayersAreRefusedNamingTheFolder() {
        ProbeReport a = report(new LayerEstimate(1, "stem", 10, 0.8, 0.7));
        ProbeReport b = report(new LayerEstimate(4, "stage1.block2", 10, 0.8, 0.7));
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ProbeReport.mean(List.of(a, b), sources()));
        assertTrue(error.getMessage().startsWith("runs/seed1 has no layer 1 of 'greedy K=2'"));
    }

    private static ProbeReport report(LayerEstimate estimate) {
        ProbeReport report = new ProbeReport();
        report.add("greedy K=2", List.of(estimate));
        return report;
    }

    private static List<Path> sources() {
        return List.of(Path.of("runs/seed0"), Path.of("runs/seed1"));
    }
}
