/** Backbones, cut points, split plans and the one trainable network of K modules. */
package org.infopro.core.model;
