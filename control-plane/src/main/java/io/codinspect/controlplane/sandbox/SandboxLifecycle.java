package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.event.EventLog;
import io.codinspect.controlplane.sandbox.internal.SandboxEntity;
import io.codinspect.controlplane.sandbox.internal.SandboxRepository;
import io.codinspect.controlplane.session.Session;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.controlplane.system.AfterCommit;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.Secrets;
import io.codinspect.controlplane.system.TransitionLog;
import io.codinspect.model.event.SandboxStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Sandboxes from request to end: spawning, bridge connections, heartbeats, loss and stop. */
@Service
public class SandboxLifecycle {

    /** A sandbox that may still do work for its session. */
    public record LiveSandbox(UUID id, SandboxState state) {}

    /** Who is on the other end of a bridge connection. */
    public record BridgeIdentity(UUID sandboxId, UUID sessionId) {}

    private static final Logger log = LoggerFactory.getLogger(SandboxLifecycle.class);
    static final String TOKEN_PREFIX = "cis_";
    private static final EnumSet<SandboxState> LIVE =
            EnumSet.of(SandboxState.requested, SandboxState.connected, SandboxState.disconnected);

    private final SandboxRepository sandboxes;
    private final SessionManagement sessions;
    private final EventLog events;
    private final TransitionLog transitions;
    private final ApplicationEventPublisher publisher;
    private final SandboxSpawner spawner;
    private final BridgeConnections bridges;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate tx;
    private final SandboxProperties properties;

    SandboxLifecycle(
            SandboxRepository sandboxes,
            SessionManagement sessions,
            EventLog events,
            TransitionLog transitions,
            ApplicationEventPublisher publisher,
            SandboxSpawner spawner,
            BridgeConnections bridges,
            Clock clock,
            MeterRegistry meters,
            TransactionTemplate tx,
            SandboxProperties properties) {
        this.properties = properties;
        this.sandboxes = sandboxes;
        this.sessions = sessions;
        this.events = events;
        this.transitions = transitions;
        this.publisher = publisher;
        this.spawner = spawner;
        this.bridges = bridges;
        this.clock = clock;
        this.meters = meters;
        this.tx = tx;
    }

    /** The session's live sandbox, if any. The caller holds the session lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<LiveSandbox> live(UUID sessionId) {
        return sandboxes.findFirstBySessionIdAndStatusIn(sessionId, LIVE).map(s -> new LiveSandbox(s.id(), s.status()));
    }

    /**
     * Requests a sandbox for a session; it is spawned after commit. Returns empty when
     * {@code codinspect.sandbox.max-active} sandboxes are live already. The caller holds the
     * session lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> request(Session session) {
        if (!spawner.acceptingWork()) {
            log.info("Session={} waits for a sandbox: the control plane is shutting down", session.id());
            return Optional.empty();
        }
        sandboxes.lockCapacity();
        if (sandboxes.countByStatusIn(LIVE) >= properties.maxActive()) {
            log.debug("Session={} waits for a sandbox: {} are live", session.id(), properties.maxActive());
            return Optional.empty();
        }
        var id = UUID.randomUUID();
        var token = Secrets.generate(TOKEN_PREFIX);
        var agentToken = AgentTokens.generate();
        sandboxes.saveAndFlush(
                new SandboxEntity(id, session.id(), Secrets.hash(token), Secrets.hash(agentToken), clock.instant()));
        transitions.record("sandbox", id, null, SandboxState.requested, null, clock.instant());
        events.append(session.id(), new SandboxStatus(id.toString(), "spawning", null, null, "Starting a sandbox"));
        var checkpointKey = sessions.checkpointKey(session.id());
        AfterCommit.run(() -> spawner.spawn(session, id, token, agentToken, checkpointKey, this::spawnFailed));
        meters.counter("codinspect.sandboxes.requested").increment();
        log.info("Requested sandbox={} session={}", id, session.id());
        return Optional.of(id);
    }

    /**
     * Whether prompts may be started and sandboxes requested: false once the control plane has begun
     * shutting down, so nothing new starts while its sandboxes save their work.
     */
    public boolean acceptingWork() {
        return spawner.acceptingWork();
    }

    /** Checks a bridge token; only live sandboxes may connect. */
    @Transactional(readOnly = true)
    public Optional<BridgeIdentity> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        var hash = Secrets.hash(token);
        return sandboxes
                .findByTokenHash(hash)
                .filter(s -> s.status().live() && Secrets.same(s.tokenHash(), hash))
                .map(s -> new BridgeIdentity(s.id(), s.sessionId()));
    }

    /**
     * The live sandbox calling with {@code Authorization: Bearer <sandbox token>} (its tools, through
     * the supervisor); a 401 problem otherwise.
     */
    @Transactional(readOnly = true)
    public BridgeIdentity requireLive(String authorizationHeader) {
        var token = authorizationHeader != null && authorizationHeader.startsWith("Bearer ")
                ? authorizationHeader.substring("Bearer ".length())
                : null;
        return authenticate(token)
                .orElseThrow(() -> new ControlPlaneException(
                        HttpStatus.UNAUTHORIZED, "Unauthorized", "A live sandbox's token is required."));
    }

    /** The bridge said hello. Returns false if the sandbox has already ended. */
    @Transactional
    public boolean connected(BridgeIdentity who, String activePromptId, String lastPromptId) {
        sessions.lockSession(who.sessionId());
        var sandbox = sandboxes.findById(who.sandboxId()).orElseThrow();
        if (!sandbox.status().live()) {
            return false;
        }
        if (sandbox.status() != SandboxState.connected) {
            move(sandbox, SandboxState.connected, null);
            events.append(
                    who.sessionId(),
                    new SandboxStatus(who.sandboxId().toString(), "connected", null, null, "Sandbox connected"));
        } else {
            sandboxes.heartbeat(sandbox.id(), clock.instant());
        }
        publisher.publishEvent(new SandboxEvents.Connected(
                who.sessionId(), who.sandboxId(), activePromptId, lastPromptId, clock.instant()));
        return true;
    }

    /**
     * Records that a sandbox's bridge closed. A transaction of its own: the control plane closes
     * bridges itself after a commit (ending a sandbox, dropping a bridge to resend), where joining
     * the finished transaction would fail; no caller closes a bridge while holding a session lock.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void disconnected(BridgeIdentity who) {
        sessions.lockSession(who.sessionId());
        var sandbox = sandboxes.findById(who.sandboxId()).orElseThrow();
        if (sandbox.status() == SandboxState.connected) {
            move(sandbox, SandboxState.disconnected, null);
            events.append(
                    who.sessionId(),
                    new SandboxStatus(
                            who.sandboxId().toString(), "disconnected", null, null, "Sandbox connection dropped"));
        }
    }

    @Transactional
    public void heartbeat(UUID sandboxId) {
        sandboxes.heartbeat(sandboxId, clock.instant());
    }

    /** Ends a live sandbox for good; the caller holds the session lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void end(UUID sandboxId, SandboxState state, String reason) {
        var sandbox = sandboxes.findById(sandboxId).orElseThrow();
        if (!sandbox.status().live()) {
            return;
        }
        // a sandbox stopped before it connected (restart, archive) says nothing about the next one
        var neverReady = (sandbox.status() == SandboxState.requested && state != SandboxState.stopped)
                || state == SandboxState.failed;
        move(sandbox, state, reason);
        var message = switch (state) {
            case lost -> "Sandbox lost: " + reason;
            case failed -> "Sandbox failed: " + reason;
            default -> "Sandbox stopped: " + reason;
        };
        events.append(sandbox.sessionId(), new SandboxStatus(sandboxId.toString(), state.name(), null, null, message));
        publisher.publishEvent(new SandboxEvents.Ended(sandbox.sessionId(), sandboxId, state, reason, neverReady));
        AfterCommit.run(() -> {
            bridges.shutdown(sandboxId, reason);
            spawner.stop(sandboxId);
        });
        meters.counter("codinspect.sandboxes.ended", "state", state.name()).increment();
        log.info("Sandbox={} session={} ended as {}: {}", sandboxId, sandbox.sessionId(), state, reason);
    }

    private void spawnFailed(UUID sessionId, UUID sandboxId, String reason) {
        tx.executeWithoutResult(status -> {
            sessions.lockSession(sessionId);
            end(sandboxId, SandboxState.failed, reason);
        });
    }

    /** Ends a sandbox if it is still live, from outside any transaction; an unknown or ended one is left alone. */
    @Transactional
    public void endIfLive(UUID sandboxId, SandboxState state, String reason) {
        var sandbox = sandboxes.findById(sandboxId).filter(s -> s.status().live());
        if (sandbox.isPresent()) {
            sessions.lockSession(sandbox.get().sessionId());
            end(sandboxId, state, reason);
        }
    }

    /** Ends a sandbox from outside any transaction (the reaper). */
    @Transactional
    public void endNow(UUID sandboxId, SandboxState state, String reason) {
        var sessionId =
                sandboxes.findById(sandboxId).map(SandboxEntity::sessionId).orElseThrow();
        sessions.lockSession(sessionId);
        end(sandboxId, state, reason);
    }

    /** Stops a sandbox that is still idle once its session is locked (a prompt may just have arrived). */
    @Transactional
    public void stopIfIdle(UUID sandboxId, Instant idleBefore, String reason) {
        var sessionId =
                sandboxes.findById(sandboxId).map(SandboxEntity::sessionId).orElseThrow();
        sessions.lockSession(sessionId);
        if (sandboxes.idleSince(idleBefore).contains(sandboxId)) {
            end(sandboxId, SandboxState.stopped, reason);
        }
    }

    private void move(SandboxEntity sandbox, SandboxState next, String reason) {
        var from = sandbox.status();
        var now = clock.instant();
        sandbox.move(next, reason, now);
        transitions.record("sandbox", sandbox.id(), from, next, reason, now);
    }
}
