/** File writing that never leaves a half-written file behind a name. */
package org.infopro.core.io;
