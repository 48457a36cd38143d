package io.codinspect.controlplane.sandbox;

import java.util.UUID;

/**
 * The provider in use when none is configured: it refuses to spawn with a message saying so, so
 * prompts fail clearly instead of waiting forever.
 */
class UnconfiguredSandboxProvider implements SandboxProvider {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public void spawn(SandboxSpec spec) {
        throw new SandboxSpawnException(
                "No sandbox provider is configured (codinspect.sandbox.provider), so prompts cannot run.");
    }

    @Override
    public void stop(UUID sandboxId) {}

    @Override
    public ProviderStatus status(UUID sandboxId) {
        return ProviderStatus.unknown;
    }
}
