/**
 * InfoPro's auxiliary nets for a detector's backbone features.
 *
 * <p>w reconstructs the image from the features at the cut (BCE against the restored input). ψ is a
 * dense per-location classifier. Detection has no per-image label, so ψ's targets come from the
 * ground-truth instances, at the features' resolution: a location whose centre lies inside boxes of
 * one class only (shrunk by half a feature cell) takes that class; a location touching no box
 * (grown by half a cell) is background; everything else — borders, overlaps of different classes,
 * crowd regions — is ignored. This keeps ψ's question "what is here?" answerable from local
 * features, the information the later detector needs, without asking it to draw exact borders.
 */
package org.infopro.detection.aux;
