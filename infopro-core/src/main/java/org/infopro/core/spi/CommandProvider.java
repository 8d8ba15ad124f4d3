package org.infopro.core.spi;

import java.util.List;

/**
 * Further top-level commands of the {@code infopro} command line (picocli {@code @Command} objects,
 * e.g. a data preparation tool), listed in {@code
 * META-INF/services/org.infopro.core.spi.CommandProvider}. The core does not depend on picocli: the
 * command line adds these objects as its subcommands.
 */
public interface CommandProvider {

    /** The command objects. */
    List<Object> commands();
}
