/**
 * The DeepLab-V3 model. So far: the dilated ResNetV1c backbones (R18/R50/R101, output stride 8).
 */
package org.infopro.segmentation.model;
