/** The infopro command line. */
package org.infopro.cli;
