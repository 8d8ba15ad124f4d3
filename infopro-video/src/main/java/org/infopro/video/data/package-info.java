/** Video datasets: split files over frame folders and TSN-style segment sampling. */
package org.infopro.video.data;
