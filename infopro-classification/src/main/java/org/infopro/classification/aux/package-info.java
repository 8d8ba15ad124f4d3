/** The CIFAR auxiliary nets: decoder w and heads ψ/φ. */
package org.infopro.classification.aux;
