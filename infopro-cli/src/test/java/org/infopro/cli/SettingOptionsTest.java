package org.infopro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.infopro.core.config.PixelSize;
import org.infopro.core.config.RunConfig;
import org.infopro.core.config.Setting;
import org.infopro.core.spi.Registry;
import org.infopro.segmentation.inference.SegmentationOptions;
import org.infopro.video.data.VideoOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The command line is bound to the configuration records, not copied from fields by hand. */
class SettingOptionsTest {

    private static final Registry REGISTRY = Registry.discover();

    private static RunConfig train(String... args) {
        return SettingOptions.apply(parse("train", args), RunConfig.defaults(), REGISTRY);
    }

    private static ParseResult parse(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return InfoProCli.commandLine().parseArgs(all).subcommand();
    }

    @Test
    void everySettingOfTheRunIsAnOptionOfTrain() {
        Set<String> options =
                InfoProCli.commandLine()
                        .getSubcommands()
                        .get("train")
                        .getCommandSpec()
                        .optionsMap()
                        .keySet();
        for (RecordComponent component : RunConfig.class.getRecordComponents()) {
            Setting setting = component.getAnnotation(Setting.class);
            if (setting != null) {
                assertTrue(options.contains(setting.option()), setting.option());
            }
        }
        assertTrue(options.containsAll(List.of("--segments", "--test-clips", "--test-scales")));
    }

    @Test
    void noOptionsGiveTheDefaults() {
        assertEquals(RunConfig.defaults(), train("--out", "x"));
    }

    @Test
    void givenOptionsReachTheConfigurationTyped() {
        RunConfig c =
                train(
                        "--out",
                        "x",
                        "--k",
                        "3",
                        "--crop",
                        "32x48",
                        "--optimizer",
                        "adamw",
                        "--no-nesterov",
                        "--lr",
                        "0.05",
                        "--augment");
        assertEquals(3, c.k());
        assertEquals(new PixelSize(32, 48), c.crop());
        assertEquals(RunConfig.OptimizerKind.ADAMW, c.optimizer());
        assertFalse(c.nesterov());
        assertEquals(0.05f, c.lr());
        assertTrue(c.augment());
        assertTrue(train("--out", "x", "--nesterov").nesterov());
    }

    @Test
    void aTasksOwnOptionsBecomeItsTypedOptions() {
        RunConfig video = train("--out", "x", "--task", "video", "--segments", "4");
        assertEquals(new VideoOptions(4, 1), video.taskOptions(VideoOptions.DEFAULTS));
        RunConfig scenes =
                train(
                        "--out",
                        "x",
                        "--task",
                        "segmentation",
                        "--test-scales",
                        "0.5,1",
                        "--test-crop",
                        "64x64",
                        "--test-flip");
        assertEquals(
                new SegmentationOptions(List.of(0.5f, 1f), true, new PixelSize(64, 64), null),
                scenes.taskOptions(SegmentationOptions.DEFAULTS));
    }

    @Test
    void anotherTasksOptionOrABadValueIsRefusedNamingTheOption() {
        IllegalArgumentException other =
                assertThrows(
                        IllegalArgumentException.class, () -> train("--out", "x", "--test-flip"));
        assertEquals(
                "--test-flip is an option of task segmentation, not of classification",
                other.getMessage());
        IllegalArgumentException bad =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> train("--out", "x", "--task", "video", "--test-clips", "0"));
        assertEquals("--test-clips must be ≥ 1, got 0", bad.getMessage());
        CommandLine.ParameterException size =
                assertThrows(
                        CommandLine.ParameterException.class,
                        () -> train("--out", "x", "--crop", "12"));
        assertTrue(size.getMessage().contains("HEIGHTxWIDTH"), size.getMessage());
    }

    @Test
    void evaluationMayChangeOnlyTheDataDeviceAndTestTimeOptions() {
        Set<String> options =
                new TreeSet<>(
                        InfoProCli.commandLine()
                                .getSubcommands()
                                .get("eval")
                                .getCommandSpec()
                                .optionsMap()
                                .keySet());
        options.removeAll(Set.of("-h", "--help", "-V", "--version"));
        assertEquals(
                new TreeSet<>(
                        List.of(
                                "--data",
                                "--device",
                                "--test-clips",
                                "--test-crop",
                                "--test-flip",
                                "--test-scales",
                                "--test-stride")),
                options);
        RunConfig trained =
                RunConfig.builder().optTask("video").optTaskOptions(new VideoOptions(4, 1)).build();
        RunConfig evaluated =
                SettingOptions.apply(parse("eval", "ckpt", "--test-clips", "3"), trained, REGISTRY);
        assertEquals(new VideoOptions(4, 3), evaluated.taskOptions(VideoOptions.DEFAULTS));
    }
}
