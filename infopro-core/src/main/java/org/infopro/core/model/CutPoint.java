package org.infopro.core.model;

import org.infopro.core.nn.FeatureShape;

/**
 * A place where a backbone may be cut: after the named block, whose output has this shape.
 *
 * @param name the block's name, e.g. {@code stage2.block1}
 * @param shape the per-sample feature shape after the block
 */
public record CutPoint(String name, FeatureShape shape) {}
