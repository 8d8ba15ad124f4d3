package org.infopro.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.infopro.video.data.VideoFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code infopro video …}: data preparation for the video task. */
@Command(
        name = "video",
        description = "Video data tools.",
        subcommands = {VideoCommand.ExtractFrames.class})
final class VideoCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /**
     * Decodes every video under a folder into frame folders, keeping the relative layout: {@code
     * VIDEOS/Class/v_x.avi} becomes {@code OUT/Class/v_x/img_00001.jpg} …, what the dataset readers
     * read.
     */
    @Command(
            name = "extract-frames",
            description = "Write each video under --videos as a frame folder under --out.")
    static final class ExtractFrames implements Callable<Integer> {
        @Option(names = "--videos", required = true, description = "Folder of video files.")
        Path videos;

        @Option(names = "--out", required = true, description = "Folder for the frame folders.")
        Path out;

        @Option(
                names = "--ext",
                split = ",",
                defaultValue = "avi,mp4,webm,mkv",
                description = "Video extensions to look for (default: ${DEFAULT-VALUE}).")
        List<String> extensions;

        @Override
        public Integer call() throws IOException {
            List<Path> files = find();
            if (files.isEmpty()) {
                throw new IOException(videos + ": no video files with extensions " + extensions);
            }
            long frames = 0;
            for (int i = 0; i < files.size(); i++) {
                Path video = files.get(i);
                String relative = videos.relativize(video).toString();
                Path folder = out.resolve(relative.substring(0, relative.lastIndexOf('.')));
                int written = VideoFiles.extractFrames(video, folder);
                frames += written;
                System.out.printf(
                        Locale.ROOT,
                        "[%d/%d] %s: %d frames%n",
                        i + 1,
                        files.size(),
                        relative,
                        written);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d videos, %d frames written under %s%n",
                    files.size(),
                    frames,
                    out);
            return 0;
        }

        private List<Path> find() throws IOException {
            if (!Files.isDirectory(videos)) {
                throw new IOException(videos + ": folder not found");
            }
            try (Stream<Path> walk = Files.walk(videos)) {
                return walk.filter(Files::isRegularFile)
                        .filter(
                                p ->
                                        extensions.stream()
                                                .anyMatch(e -> p.toString().endsWith("." + e)))
                        .sorted()
                        .toList();
            }
        }
    }
}
