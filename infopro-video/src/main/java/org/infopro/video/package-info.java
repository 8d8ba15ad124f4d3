/**
 * InfoPro for video. In progress: the temporal shift of TSM is here; the TSM/TSN models, readers,
 * task plugin and suites are not yet.
 */
package org.infopro.video;
