/** InfoPro for video: reserved for the task module; it has no plugin yet. */
package org.infopro.video;
