/** Persistence of the event log; used only by the event feature. */
package io.codinspect.controlplane.event.internal;
