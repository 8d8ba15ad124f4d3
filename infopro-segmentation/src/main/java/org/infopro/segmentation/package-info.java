/** InfoPro for segmentation: reserved for the task module; it has no plugin yet. */
package org.infopro.segmentation;
