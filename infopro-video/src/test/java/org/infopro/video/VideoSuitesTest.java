package org.infopro.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.infopro.core.bench.BenchSuite;
import org.infopro.core.config.PixelSize;
import org.infopro.core.config.RunConfig;
import org.infopro.core.spi.Registry;
import org.infopro.video.data.VideoOptions;
import org.junit.jupiter.api.Test;

/** The suites' cases, and the video task's entries in the registry. */
class VideoSuitesTest {

    @Test
    void quickComparesTsmMethodsThenTsn() {
        List<RunConfig> cases = VideoSuites.quick(BenchSuite.Overrides.none()).cases();
        assertEquals(
                List.of(
                        "tsm-r18-narrow/e2e", "tsm-r18-narrow/infopro-softmax",
                        "tsm-r18-narrow/greedy", "tsn-r18-narrow/e2e"),
                cases.stream().map(c -> c.backbone() + "/" + c.method()).toList());
        assertTrue(
                cases.stream()
                        .allMatch(
                                c ->
                                        VideoOptions.of(c).segments() == 8
                                                && c.dataset().equals("motion-clips")));
    }

    @Test
    void memoryRunsTsmR50AtOneToFourModules() {
        List<RunConfig> cases = VideoSuites.memory(BenchSuite.Overrides.none()).cases();
        assertEquals(List.of(1, 2, 3, 4), cases.stream().map(c -> c.k()).toList());
        assertTrue(
                cases.stream()
                        .allMatch(
                                c ->
                                        c.backbone().equals("tsm-r50")
                                                && c.crop().equals(new PixelSize(224, 224))));
    }

    @Test
    void theRegistryKnowsTheVideoTask() {
        Registry registry = Registry.discover();
        assertTrue(registry.taskNames().contains("video"));
        assertTrue(registry.backboneNames().containsAll(List.of("tsm-r50", "tsn-r18-narrow")));
        assertTrue(
                registry.datasetNames()
                        .containsAll(List.of("ucf101", "hmdb51", "sthv2", "motion-clips")));
        assertTrue(
                registry.suites("video").suite("paper", BenchSuite.Overrides.none()).isPresent());
    }
}
