package io.codinspect.controlplane.prompt;

import java.util.UUID;

/**
 * A review prompt starts running in {@code sandboxId}, published in the transaction that starts
 * it: whatever could let that sandbox push must stop working now.
 */
public record ReviewStarted(UUID sessionId, UUID promptId, UUID sandboxId) {}
