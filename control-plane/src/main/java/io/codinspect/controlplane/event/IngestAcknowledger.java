package io.codinspect.controlplane.event;

import java.util.UUID;

/** Port: told after commit that a sandbox's events up to an id are stored. The bridge implements it. */
public interface IngestAcknowledger {

    void stored(UUID sandboxId, long upToEventId);
}
