package org.infopro.video.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.infopro.core.data.ImageFiles;

/** Frame folders of tiny JPEGs, as the extraction tools write them. */
final class TinyClips {

    private TinyClips() {}

    static void writeFrames(Path frames, String clip, int count) throws IOException {
        for (int i = 1; i <= count; i++) {
            byte[] rgb = new byte[4 * 4 * 3];
            Arrays.fill(rgb, (byte) (i * 40));
            ImageFiles.writeRgb(
                    frames.resolve(clip).resolve(String.format("img_%05d.jpg", i)),
                    rgb,
                    4,
                    4,
                    "jpg");
        }
    }
}
