/**
 * Layer constructors with the reference initialisation, and ops DJL lacks (align-corners resize).
 */
package org.infopro.core.nn;
