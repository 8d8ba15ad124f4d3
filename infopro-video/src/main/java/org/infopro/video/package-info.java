/**
 * InfoPro for video recognition: TSM (temporal shift) and TSN ResNets over frames folded into the
 * batch, clip-level consensus, UCF101 / HMDB51 / Something-Something V2 readers over frame folders
 * or video files, the generated motion-clips set and the benchmark suites.
 */
package org.infopro.video;
