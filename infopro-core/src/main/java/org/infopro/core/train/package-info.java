/** The local training step, the epoch loop, optimizer, schedules, checkpoints and progress. */
package org.infopro.core.train;
