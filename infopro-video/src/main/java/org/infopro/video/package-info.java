/**
 * InfoPro for video. In progress: TSM's temporal shift, the TSM/TSN ResNet backbones, the UCF101,
 * HMDB51 and Something-Something V2 readers over frame folders and TSN segment sampling are here;
 * video-file decoding, the generated motion set, the task plugin and the suites are not yet.
 */
package org.infopro.video;
