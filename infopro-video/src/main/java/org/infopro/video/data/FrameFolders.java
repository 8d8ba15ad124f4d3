package org.infopro.video.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.stream.Stream;

/**
 * Frame folders as TSM's extraction tools write them: {@code img_00001.jpg}, {@code img_00002.jpg}
 * …
 */
final class FrameFolders {

    private FrameFolders() {}

    /**
     * The number of frames in a clip's folder, checking that img_00001 … img_N are all there.
     *
     * @param where the split file and line that named the clip, for error messages
     */
    static int count(Path folder, String where) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(where + ": frame folder " + folder + " not found");
        }
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
                            + new VideoClip("", folder, 0, 0).frame(missing)
                            + " is missing (frames run to "
                            + (present.length() - 1)
                            + ")");
        }
        return count;
    }
}
