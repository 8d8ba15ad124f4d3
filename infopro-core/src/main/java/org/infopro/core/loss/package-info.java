/** Losses with PyTorch semantics: cross-entropy, BCE of a sigmoid, supervised contrastive. */
package org.infopro.core.loss;
