package org.infopro.core.train;

import java.util.List;
import java.util.Map;

/**
 * The losses of one training step.
 *
 * @param step global step, 0-based
 * @param learningRate the rate applied
 * @param moduleLosses total loss of each module, module 1 first
 * @param parts each module's loss terms by name
 */
public record StepResult(
        long step, float learningRate, float[] moduleLosses, List<Map<String, Float>> parts) {}
