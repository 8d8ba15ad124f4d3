/** Video models: the temporal shift of TSM. */
package org.infopro.video.model;
