/**
 * InfoPro for video. In progress: TSM's temporal shift, the TSM/TSN ResNet backbones, the UCF101
 * split reader over frame folders and TSN segment sampling are here; the other readers, the task
 * plugin and the suites are not yet.
 */
package org.infopro.video;
