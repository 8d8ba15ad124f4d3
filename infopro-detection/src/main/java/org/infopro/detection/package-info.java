/**
 * InfoPro for detection: the task plugin (Faster / Mask R-CNN heads as the final module, COCO box
 * and mask AP) and its benchmark suites.
 */
package org.infopro.detection;
