package io.codinspect.controlplane.sandbox;

import io.codinspect.model.bridge.ControlMessage;
import java.util.List;
import java.util.UUID;

/**
 * Port: the stops a sandbox may have missed while its bridge was down, sent in its welcome. The
 * prompt feature implements it.
 */
public interface PendingStops {

    /** The running prompts of {@code sandboxId} that were asked to stop. */
    List<ControlMessage.Stop> of(UUID sandboxId);
}
