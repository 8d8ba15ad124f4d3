package org.infopro.core.config;

/**
 * Options only one task has (e.g. a video task's frames per clip), as a record whose compact
 * constructor checks its values. A task declares its record through {@link
 * org.infopro.core.spi.TaskPlugin#defaultOptions()}; a run carries it in {@link
 * RunConfig#taskOptions()} and the task reads it back, typed, with {@link
 * RunConfig#taskOptions(TaskOptions)}. Components marked {@link Setting} become command-line
 * options of that task.
 */
public interface TaskOptions {}
