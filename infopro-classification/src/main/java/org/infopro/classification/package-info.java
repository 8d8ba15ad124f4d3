/** Image classification: task plugin, top-k metric and benchmark suites. */
package org.infopro.classification;
