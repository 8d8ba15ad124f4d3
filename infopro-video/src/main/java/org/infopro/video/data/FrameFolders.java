package org.infopro.video.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Clips on disk: frame folders as TSM's extraction tools write them ({@code img_00001.jpg}, {@code
 * img_00002.jpg} …) or, where no folder exists, a video file of the same name.
 */
public final class FrameFolders {

    /** Video file extensions tried, in order, when a clip has no frame folder. */
    static final List<String> VIDEO_EXTENSIONS = List.of(".avi", ".mp4", ".webm", ".mkv");

    private FrameFolders() {}

    /** The file of 1-based frame {@code index} in {@code folder}. */
    public static Path frame(Path folder, int index) {
        return folder.resolve(String.format("img_%05d.jpg", index));
    }

    /**
     * Finds a clip: the frame folder {@code folder}, else a video file named like it.
     *
     * @param where the split file and line that named the clip, for error messages
     * @throws IOException naming {@code where} when neither exists or the clip has no frames
     */
    static VideoClip locate(String id, Path folder, int label, String where) throws IOException {
        if (Files.isDirectory(folder)) {
            return new VideoClip(id, folder, label, count(folder, where));
        }
        for (String extension : VIDEO_EXTENSIONS) {
            Path video = folder.resolveSibling(folder.getFileName() + extension);
            if (Files.isRegularFile(video)) {
                int frames;
                try {
                    frames = VideoFiles.frameCount(video);
                } catch (IOException e) {
                    throw new IOException(where + ": " + e.getMessage(), e);
                }
                return new VideoClip(id, video, label, frames);
            }
        }
        throw new IOException(
                where
                        + ": clip not found: no frame folder "
                        + folder
                        + " and no video file "
                        + folder.getFileName()
                        + VIDEO_EXTENSIONS);
    }

    /**
     * The number of frames in a clip's folder, checking that img_00001 … img_N are all there.
     *
     * @param where the split file and line that named the clip, for error messages
     */
    static int count(Path folder, String where) throws IOException {
        BitSet present = new BitSet();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.matches("img_\\d+\\.jpg"))
                    .forEach(f -> present.set(Integer.parseInt(f.substring(4, f.length() - 4))));
        }
        int count = present.cardinality();
        if (count == 0) {
            throw new IOException(where + ": frame folder " + folder + " holds no img_*.jpg");
        }
        int missing = present.nextClearBit(1);
        if (missing <= present.length() - 1) {
            throw new IOException(
                    where
                            + ": frame "
                            + frame(folder, missing)
                            + " is missing (frames run to "
                            + (present.length() - 1)
                            + ")");
        }
        return count;
    }
}
