/**
 * Dataset contracts (labelled batches, input normalisation) and readers of formats several tasks
 * use (IDX).
 */
package org.infopro.core.data;
