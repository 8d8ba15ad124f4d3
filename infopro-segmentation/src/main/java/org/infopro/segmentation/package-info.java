/**
 * InfoPro for semantic segmentation: DeepLab-V3 on dilated ResNets, the VOC, Cityscapes and ADE20K
 * readers, the generated fashion-scenes set, mIoU, test-time inference and the benchmark suites.
 */
package org.infopro.segmentation;
