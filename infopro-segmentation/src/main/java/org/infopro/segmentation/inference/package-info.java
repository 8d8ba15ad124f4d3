/** Test-time inference for dense prediction: multi-scale, flipped and sliding-window. */
package org.infopro.segmentation.inference;
