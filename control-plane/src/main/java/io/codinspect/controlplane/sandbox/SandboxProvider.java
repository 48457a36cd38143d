package io.codinspect.controlplane.sandbox;

import java.util.UUID;

/**
 * Port: where sandboxes run. Adapters: local processes (the embedded default) and Kubernetes
 * pods. Calls may block; the control plane calls them off request threads, with a timeout.
 */
public interface SandboxProvider {

    /** What the provider knows of a sandbox it started. */
    enum ProviderStatus {
        starting,
        running,
        stopped,
        unknown
    }

    /** The provider's name, as set in {@code codinspect.sandbox.provider}. */
    String name();

    /**
     * Checks, once at start-up when this provider is the one configured, that it can run sandboxes
     * here safely; throws {@link IllegalStateException} with a message for the operator otherwise.
     */
    default void check() {}

    /**
     * The control plane is shutting down. Providers whose sandboxes do not outlive it (local
     * processes) ask them all to stop at once — each commits and pushes its running turn's work and
     * reports — and wait up to {@code grace}; the rest (Kubernetes pods, which reconnect to the next
     * control plane) do nothing.
     *
     * @return the sandboxes that were stopped
     */
    default java.util.Set<UUID> stopAllForShutdown(java.time.Duration grace) {
        return java.util.Set.of();
    }

    /** Whether this provider's sandboxes end when the control plane does (and so stop on its shutdown). */
    default boolean sandboxesEndWithTheControlPlane() {
        return false;
    }

    /**
     * Starts a sandbox that will connect to {@code spec.bridgeUrl()}. Idempotent: spawning the same
     * sandbox id twice starts it once.
     *
     * @throws SandboxSpawnException with a message for people when it cannot start
     */
    void spawn(SandboxSpec spec);

    /** Stops a sandbox and frees what it used; stopping an unknown or stopped sandbox does nothing. */
    void stop(UUID sandboxId);

    ProviderStatus status(UUID sandboxId);
}
