package org.infopro.video.data;

import java.nio.file.Path;

/**
 * One labelled clip stored as a frame folder ({@code img_00001.jpg} …, as TSM's extraction tools
 * write them).
 *
 * @param id the clip's name in the split file
 * @param frames its frame folder
 * @param label 0-based class
 * @param frameCount number of frames in the folder
 */
public record VideoClip(String id, Path frames, int label, int frameCount) {

    /** The file of 1-based frame {@code index}. */
    public Path frame(int index) {
        return frames.resolve(String.format("img_%05d.jpg", index));
    }
}
