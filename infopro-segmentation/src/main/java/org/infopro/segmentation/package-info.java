/**
 * InfoPro for semantic segmentation. In progress: the evaluation metric is here; the DeepLab-V3
 * model, dataset readers and task plugin are not yet.
 */
package org.infopro.segmentation;
