/** The auxiliary nets w and ψ/φ for per-frame video features, with clip-level consensus. */
package org.infopro.video.aux;
