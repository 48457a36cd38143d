package io.codinspect.controlplane.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sandboxes and their bridge.
 *
 * @param provider the name of the {@link SandboxProvider} that runs sandboxes: {@code local} (child
 *     processes on this machine, the default) or {@code kubernetes}; {@code none} makes
 *     prompts fail at once with a message saying no provider is configured, and a name no
 *     available provider has stops start-up
 * @param bridgeUrl base WebSocket URL sandboxes use to reach the control plane, e.g.
 *     {@code ws://codinspect.codinspect.svc:8080/bridge}; defaults to this process on loopback
 * @param heartbeatTimeout a sandbox silent for this long is lost and its running prompt failed
 * @param connectTimeout a requested sandbox that has not said hello by then is lost
 * @param spawnTimeout longest a provider's spawn call may take
 * @param reaperInterval how often silent and idle sandboxes are looked for
 * @param maxActive most live sandboxes this control plane runs at once; sessions that need one
 *     beyond that keep their prompts queued until one ends
 * @param idleTimeout a sandbox with no prompt to run for this long is stopped; the session's next
 *     prompt starts a new one that resumes from the session branch
 * @param stopGrace how long a stopping sandbox has to commit and push its running turn's work and
 *     report before it is killed; also how long a stopping control plane keeps its bridge and
 *     database open for the sandboxes that end with it
 */
@ConfigurationProperties("codinspect.sandbox")
public record SandboxProperties(
        @DefaultValue("local") String provider,
        String bridgeUrl,
        @DefaultValue("60s") Duration heartbeatTimeout,
        @DefaultValue("5m") Duration connectTimeout,
        @DefaultValue("2m") Duration spawnTimeout,
        @DefaultValue("5s") Duration reaperInterval,
        @DefaultValue("4") int maxActive,
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("30s") Duration stopGrace) {}
