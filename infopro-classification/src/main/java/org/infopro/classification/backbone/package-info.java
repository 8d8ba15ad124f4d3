/** CIFAR-style ResNets and the paper's split and λ tables. */
package org.infopro.classification.backbone;
