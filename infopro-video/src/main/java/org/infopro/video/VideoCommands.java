package org.infopro.video;

import java.util.List;
import org.infopro.core.spi.CommandProvider;

/** Adds {@code infopro video} (with {@code extract-frames}) to the command line. */
public final class VideoCommands implements CommandProvider {

    @Override
    public List<Object> commands() {
        return List.of(new VideoCommand());
    }
}
