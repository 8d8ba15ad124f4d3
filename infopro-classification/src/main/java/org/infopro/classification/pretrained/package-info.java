/** The names torchvision gives our classification networks' weights. */
package org.infopro.classification.pretrained;
