package org.infopro.video.data;

import org.infopro.core.config.Setting;
import org.infopro.core.config.TaskOptions;

/**
 * How a video task samples its clips, as TSN/TSM do: frames per clip (which the temporal shift is
 * built for) and clips per test video (which evaluation may change).
 *
 * @param segments frames sampled per clip, T
 * @param testClips clips per test video, spread evenly over it; their scores are averaged
 */
public record VideoOptions(
        @Setting(option = "--segments", label = "T", help = "Frames sampled per clip.")
                int segments,
        @Setting(
                        option = "--test-clips",
                        label = "N",
                        help = "Clips per test video, scores averaged.",
                        testTime = true)
                int testClips)
        implements TaskOptions {

    /** TSM's 8 segments and one test clip. */
    public static final VideoOptions DEFAULTS = new VideoOptions(8, 1);

    /** Checks that both counts are at least one. */
    public VideoOptions {
        if (segments < 1) {
            throw new IllegalArgumentException("--segments must be ≥ 1, got " + segments);
        }
        if (testClips < 1) {
            throw new IllegalArgumentException("--test-clips must be ≥ 1, got " + testClips);
        }
    }

    /** The options of a run, over the defaults. */
    public static VideoOptions of(org.infopro.core.config.RunConfig run) {
        return run.taskOptions(DEFAULTS);
    }
}
