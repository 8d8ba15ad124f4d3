/**
 * The auxiliary nets of InfoPro for dense features: the upsampling decoder w and the pixel
 * classifier ψ.
 */
package org.infopro.segmentation.aux;
