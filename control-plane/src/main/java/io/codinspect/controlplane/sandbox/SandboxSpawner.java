package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.model.AgentConfiguration;
import io.codinspect.controlplane.session.Session;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Calls the configured {@link SandboxProvider} off the caller's thread, with a timeout. */
@Component
class SandboxSpawner {

    interface Failure {
        void failed(UUID sessionId, UUID sandboxId, String reason);
    }

    private static final Logger log = LoggerFactory.getLogger(SandboxSpawner.class);

    private final SandboxProvider provider;
    private final SandboxProperties properties;
    private final Environment environment;
    private final AgentConfiguration agentConfiguration;
    private final java.util.List<SandboxSpecDecorator> decorators;

    SandboxSpawner(
            ObjectProvider<SandboxProvider> provider,
            SandboxProperties properties,
            Environment environment,
            AgentConfiguration agentConfiguration,
            java.util.List<SandboxSpecDecorator> decorators) {
        this.agentConfiguration = agentConfiguration;
        this.decorators = decorators;
        this.provider = select(provider, properties.provider());
        this.properties = properties;
        this.environment = environment;
        this.provider.check();
        log.info("Sandbox provider: {}", this.provider.name());
    }

    /** The provider named by {@code codinspect.sandbox.provider}; a name nobody answers to stops start-up. */
    private static SandboxProvider select(ObjectProvider<SandboxProvider> available, String name) {
        if ("none".equals(name)) {
            return new UnconfiguredSandboxProvider();
        }
        return available
                .orderedStream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("codinspect.sandbox.provider is '" + name
                        + "', but the providers available are: "
                        + available.orderedStream().map(SandboxProvider::name).toList()));
    }

    void spawn(
            Session session, UUID sandboxId, String token, String agentToken, byte[] checkpointKey, Failure onFailure) {
        SandboxSpec spec = new SandboxSpec(
                sandboxId,
                session.id(),
                session.repository(),
                session.baseBranch(),
                session.branch(),
                bridgeBase() + "/" + sandboxId,
                token,
                agentConfiguration.json(agentToken),
                agentToken,
                java.util.List.of(),
                java.util.Base64.getEncoder().encodeToString(checkpointKey),
                ""); // the egress feature's decorator sets the proxy
        for (var decorator : decorators) {
            spec = decorator.decorate(spec);
        }
        var decorated = spec;
        Thread.ofVirtual().name("spawn-" + sandboxId).start(() -> {
            try {
                CompletableFuture.runAsync(() -> provider.spawn(decorated), Thread::startVirtualThread)
                        .get(properties.spawnTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                onFailure.failed(
                        session.id(), sandboxId, "the sandbox did not start within " + properties.spawnTimeout());
            } catch (ExecutionException e) {
                var cause = e.getCause();
                var reason =
                        cause instanceof SandboxSpawnException ? cause.getMessage() : "the sandbox provider failed";
                if (!(cause instanceof SandboxSpawnException)) {
                    log.error("Spawning sandbox={} session={} failed", sandboxId, session.id(), cause);
                }
                onFailure.failed(session.id(), sandboxId, reason);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    void stop(UUID sandboxId) {
        Thread.ofVirtual().name("stop-" + sandboxId).start(() -> {
            try {
                provider.stop(sandboxId);
            } catch (RuntimeException e) {
                log.warn("Stopping sandbox={} failed; the reaper will retry", sandboxId, e);
            }
        });
    }

    SandboxProvider.ProviderStatus status(UUID sandboxId) {
        return provider.status(sandboxId);
    }

    private volatile boolean closing;

    /** False once the shutdown began. */
    boolean acceptingWork() {
        return !closing;
    }

    boolean sandboxesEndWithTheControlPlane() {
        return provider.sandboxesEndWithTheControlPlane();
    }

    /** No sandbox is requested nor prompt started from now on (the shutdown began). */
    void close() {
        closing = true;
    }

    java.util.Set<UUID> stopAllForShutdown() {
        return provider.stopAllForShutdown(properties.stopGrace());
    }

    private String bridgeBase() {
        if (properties.bridgeUrl() != null && !properties.bridgeUrl().isBlank()) {
            return properties.bridgeUrl().replaceAll("/+$", "");
        }
        return "ws://127.0.0.1:" + environment.getProperty("local.server.port", "8080") + "/bridge";
    }
}
