/**
 * Local objectives: end-to-end, greedy SL, DGL and InfoPro, with their λ schedules and
 * auxiliary-net contracts.
 */
package org.infopro.core.objective;
