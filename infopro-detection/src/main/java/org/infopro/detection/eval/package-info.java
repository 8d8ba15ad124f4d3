/**
 * COCO evaluation: run-length encoded masks, the {@code COCOeval} protocol for boxes and masks, and
 * the task metric that collects a detector's outputs and writes COCO results JSON.
 */
package org.infopro.detection.eval;
