/**
 * Faster R-CNN and Mask R-CNN in mmdetection's shape: ResNet backbones cut into modules, FPN neck,
 * RPN, RoI box and mask heads, their target assignment, losses and inference.
 */
package org.infopro.detection.model;
