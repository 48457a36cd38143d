package io.codinspect.controlplane.sandbox;

import java.util.UUID;

/**
 * Published by a provider when a sandbox it started ends without being asked to (a crash, an
 * exit after a failed boot). A live sandbox is then declared lost at once instead of after the
 * heartbeat timeout.
 */
public record SandboxExited(UUID sandboxId, String reason) {}
