/** Dataset contracts: labelled batches and input normalisation. */
package org.infopro.core.data;
