package io.codinspect.controlplane.event;

import io.codinspect.model.event.SessionEvent;
import java.util.UUID;

/**
 * An event reported by a sandbox was stored. Published after the commit by {@link EventReactions},
 * outside any transaction; listeners (a prompt's outcome, a failed boot) open their own, must be
 * idempotent (a failed reaction is retried) and are backed by reconcilers reading the event log.
 */
public record SandboxEventsStored(UUID sessionId, UUID sandboxId, long seq, SessionEvent event) {}
