/** Information probes (the paper's App. B): I(h,x), I(h,y) and linear separability per layer. */
package org.infopro.cli.analysis;
