/**
 * InfoPro for video. In progress: TSM's temporal shift and the TSM/TSN ResNet backbones are here;
 * the readers, task plugin and suites are not yet.
 */
package org.infopro.video;
