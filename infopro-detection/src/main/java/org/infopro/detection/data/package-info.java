/**
 * Detection data: the COCO {@code instances_*.json} reader, the detection pipeline (resize keeping
 * the ratio, flip, normalise, pad to a stride of 32) and the generated COCO-format benchmark set.
 */
package org.infopro.detection.data;
