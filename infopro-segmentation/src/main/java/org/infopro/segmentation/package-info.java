/**
 * InfoPro for semantic segmentation. In progress: the mIoU metric and the VOC, Cityscapes and
 * ADE20K readers are here; the DeepLab-V3 model, augmentation, the generated set and the task
 * plugin are not yet.
 */
package org.infopro.segmentation;
