/**
 * Plugin interfaces (tasks, backbones, datasets, methods) and the name-keyed registry that
 * discovers them.
 */
package org.infopro.core.spi;
