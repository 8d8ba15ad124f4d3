/**
 * InfoPro for video. In progress: TSM's temporal shift, the TSM/TSN ResNet backbones, the UCF101
 * and HMDB51 split readers over frame folders and TSN segment sampling are here; the
 * Something-Something reader, video-file decoding, the task plugin and the suites are not yet.
 */
package org.infopro.video;
