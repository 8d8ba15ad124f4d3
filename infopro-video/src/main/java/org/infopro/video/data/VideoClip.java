package org.infopro.video.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One labelled clip, stored as a frame folder ({@code img_00001.jpg} …, as TSM's extraction tools
 * write them) or as a video file that OpenCV decodes.
 *
 * @param id the clip's name in the split file
 * @param source its frame folder or video file
 * @param label 0-based class
 * @param frameCount number of frames
 */
public record VideoClip(String id, Path source, int label, int frameCount) {

    /** Whether the frames come from a video file rather than a frame folder. */
    public boolean isVideoFile() {
        return !Files.isDirectory(source);
    }

    /** The file of 1-based frame {@code index} in a frame folder. */
    public Path frame(int index) {
        return FrameFolders.frame(source, index);
    }
}
