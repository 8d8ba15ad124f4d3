/** Video models: TSM's temporal shift and the TSM/TSN ResNets over frames folded into the batch. */
package org.infopro.video.model;
