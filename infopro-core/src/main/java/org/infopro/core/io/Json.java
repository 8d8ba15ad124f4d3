package org.infopro.core.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The project's one JSON configuration: pretty, with NaN allowed for missing measurements. */
public final class Json {

    /** Shared, thread-safe instance. */
    public static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private Json() {}
}
