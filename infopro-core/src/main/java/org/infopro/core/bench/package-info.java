/** Benchmark suites: cases run one per JVM, results.json, Markdown and PNG reports. */
package org.infopro.core.bench;
