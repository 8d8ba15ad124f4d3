/**
 * Detection operators as tensor operations on the model's device: box IoU and coding, anchors,
 * non-maximum suppression and RoIAlign, which DJL does not provide.
 */
package org.infopro.detection.ops;
