/** Readers of segmentation datasets in their published layouts. */
package org.infopro.segmentation.data;
