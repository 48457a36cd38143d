package io.codinspect.controlplane.sandbox;

import java.util.UUID;

/**
 * Published by a provider as a sandbox it started gets closer to connecting (its pod scheduled on a
 * node, running); the session's timeline shows it among the boot phases, so a slow image pull or a
 * busy cluster is visible rather than silent.
 */
public record SandboxProgress(UUID sandboxId, String status, String message) {}
