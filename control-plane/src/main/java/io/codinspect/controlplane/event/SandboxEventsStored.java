package io.codinspect.controlplane.event;

import io.codinspect.model.event.SessionEvent;
import java.util.UUID;

/**
 * Published inside the transaction that stored an event reported by a sandbox, so that features
 * whose state depends on it (a prompt's outcome) change in that same transaction.
 */
public record SandboxEventsStored(UUID sessionId, UUID sandboxId, long seq, SessionEvent event) {}
