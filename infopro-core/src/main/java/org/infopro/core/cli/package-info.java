/** The infopro command line. */
package org.infopro.core.cli;
