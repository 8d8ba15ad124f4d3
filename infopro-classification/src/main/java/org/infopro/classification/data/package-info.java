/** Readers of IDX and CIFAR binary files, and the in-memory dataset with augmentation. */
package org.infopro.classification.data;
