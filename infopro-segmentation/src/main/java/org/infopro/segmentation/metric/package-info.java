/** Segmentation metrics from an accumulated confusion matrix, with mmsegmentation's semantics. */
package org.infopro.segmentation.metric;
