/** InfoPro for detection: reserved for the task module; it has no plugin yet. */
package org.infopro.detection;
