package org.infopro.core.data;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Paths named inside data files (a COCO {@code file_name}, a line of a VOC or UCF list) are
 * relative to the dataset's folder and must stay in it: an absolute path or one that climbs out
 * with {@code ..} is refused, so a data file can make the reader open nothing outside its folder.
 */
public final class DataPaths {

    private DataPaths() {}

    /**
     * Resolves {@code entry} under {@code folder}.
     *
     * @param where the file and entry the path comes from, for the message (e.g. {@code "train.txt
     *     line 3"})
     * @throws IOException naming {@code where} when the path is absolute, malformed or leaves
     *     {@code folder}
     */
    public static Path inside(Path folder, String entry, String where) throws IOException {
        Path relative;
        try {
            relative = Path.of(entry);
        } catch (InvalidPathException e) {
            throw new IOException(where + ": malformed path '" + entry + "'", e);
        }
        Path base = folder.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        if (relative.isAbsolute() || entry.startsWith("/") || !resolved.startsWith(base)) {
            throw new IOException(
                    where
                            + ": path '"
                            + entry
                            + "' leaves the dataset folder "
                            + folder
                            + " (absolute paths and '..' are refused)");
        }
        return folder.resolve(relative).normalize();
    }
}
