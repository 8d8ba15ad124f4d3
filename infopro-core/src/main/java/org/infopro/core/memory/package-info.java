/** Peak training-memory measurement. */
package org.infopro.core.memory;
