package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.event.EventLog;
import io.codinspect.controlplane.prompt.internal.PromptEntity;
import io.codinspect.controlplane.prompt.internal.PromptRepository;
import io.codinspect.controlplane.sandbox.BridgeConnections;
import io.codinspect.controlplane.sandbox.SandboxEvents;
import io.codinspect.controlplane.sandbox.SandboxLifecycle;
import io.codinspect.controlplane.sandbox.SandboxState;
import io.codinspect.controlplane.session.RepositoryChosen;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.controlplane.session.SessionStatus;
import io.codinspect.controlplane.system.AfterCommit;
import io.codinspect.model.bridge.ContextBlock;
import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.PromptFailed;
import io.codinspect.model.event.PromptStarted;
import java.time.Clock;
import java.util.EnumSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hands each session's next queued prompt to its sandbox, one at a time, requesting a sandbox
 * when there is none. Called whenever something may have freed the session: a prompt queued or
 * finished, a sandbox connected or ended.
 */
@Component
class PromptDispatcher {

    private static final Logger log = LoggerFactory.getLogger(PromptDispatcher.class);

    private final PromptRepository prompts;
    private final SessionManagement sessions;
    private final SandboxLifecycle sandboxes;
    private final BridgeConnections bridges;
    private final EventLog events;
    private final PromptTransitions transitions;
    private final PromptViews views;
    private final AdmissionPolicy admission;
    private final Clock clock;

    PromptDispatcher(
            PromptRepository prompts,
            SessionManagement sessions,
            SandboxLifecycle sandboxes,
            BridgeConnections bridges,
            EventLog events,
            PromptTransitions transitions,
            PromptViews views,
            AdmissionPolicy admission,
            Clock clock) {
        this.admission = admission;
        this.clock = clock;
        this.prompts = prompts;
        this.sessions = sessions;
        this.sandboxes = sandboxes;
        this.bridges = bridges;
        this.events = events;
        this.transitions = transitions;
        this.views = views;
    }

    /** A session that awaited its repository has one now: its held prompt may start. */
    @TransactionalEventListener
    void on(RepositoryChosen chosen) {
        kick(chosen.sessionId());
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void kick(UUID sessionId) {
        var session = sessions.lockSession(sessionId);
        if (session.status() == SessionStatus.archived || session.status() == SessionStatus.awaiting_repository) {
            return; // an awaiting session holds its prompts until it has a repository
        }
        var unfinished = prompts.findBySessionIdAndStatusInOrderByOrdinal(sessionId, PromptQueue.UNFINISHED);
        if (unfinished.isEmpty() || unfinished.stream().anyMatch(p -> p.status() == PromptStatus.running)) {
            return;
        }
        if (!sandboxes.acceptingWork()) {
            return; // shutting down: the queue is dispatched after the restart
        }
        PromptEntity next = null;
        for (var candidate : unfinished) {
            if (candidate.admitted() || admit(sessionId, candidate)) {
                next = candidate;
                break;
            }
            if (candidate.status() == PromptStatus.queued) {
                return; // it waits, keeping its place
            } // refused: it failed, and the next one is asked
        }
        if (next == null) {
            return;
        }
        var sandbox = sandboxes.live(sessionId);
        if (sandbox.isEmpty()) {
            // admitted (counted against the concurrency limit) only once a sandbox is on its way for
            // it: one waiting for a place under max-active must not hold a place it cannot use
            if (sandboxes.request(session).isPresent() && !next.admitted()) {
                next.admit(clock.instant());
            }
            return;
        }
        if (!next.admitted()) {
            next.admit(clock.instant());
        }
        if (sandbox.get().state() != SandboxState.connected) {
            return; // dispatched when it connects
        }
        var sandboxId = sandbox.get().id();
        transitions.start(next, sandboxId);
        sessions.move(sessionId, SessionStatus.running, "prompt started");
        var started = events.append(sessionId, new PromptStarted(next.id().toString(), sandboxId.toString()));
        next.startedAtSeq(started.getFirst().seq());
        var command = command(next, session.branch());
        AfterCommit.run(() -> sendOrReconnect(sandboxId, command));
        log.info("Dispatched prompt={} session={} sandbox={}", next.id(), sessionId, sandboxId);
    }

    /**
     * Asks the limits whether the session's next prompt may start. A refused prompt fails at once
     * (and the caller asks about the one after it); a waiting one keeps its place and says why.
     */
    private boolean admit(UUID sessionId, PromptEntity next) {
        var admitted = 0L;
        if (admission.limitsConcurrency()) { // only a concurrency limit needs every replica to agree on a count
            prompts.lockAdmissions();
            admitted = prompts.countAdmitted();
        }
        switch (admission.admit(sessionId, next.authorId(), admitted)) {
            case AdmissionPolicy.Admit admit -> {
                return true; // admitted by the caller once it has a sandbox
            }
            case AdmissionPolicy.Wait wait -> {
                if (!wait.reason().equals(next.waiting())) {
                    next.waitFor(wait.reason());
                    log.info("Prompt={} session={} waits: {}", next.id(), sessionId, wait.reason());
                }
                return false;
            }
            case AdmissionPolicy.Refuse refuse -> {
                transitions.finish(next, PromptStatus.failed, refuse.reason());
                events.append(sessionId, new PromptFailed(next.id().toString(), refuse.reason()));
                log.info("Prompt={} session={} refused: {}", next.id(), sessionId, refuse.reason());
                return false;
            }
        }
    }

    /** Sends a running prompt to its sandbox again, for a sandbox that reconnected without it. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void resendIfMissing(SandboxEvents.Connected hello) {
        var session = sessions.lockSession(hello.sessionId());
        var sandboxId = hello.sandboxId();
        prompts.findBySessionIdAndStatusInOrderByOrdinal(hello.sessionId(), EnumSet.of(PromptStatus.running)).stream()
                .filter(p -> sandboxId.equals(p.sandboxId()))
                .filter(p -> p.startedAt().isBefore(hello.at()))
                .filter(p -> !p.id().toString().equals(hello.activePromptId())
                        && !p.id().toString().equals(hello.lastPromptId()))
                .findFirst()
                .ifPresent(p -> {
                    var command = command(p, session.branch());
                    AfterCommit.run(() -> sendOrReconnect(sandboxId, command));
                    log.info("Resending prompt={} to reconnected sandbox={}", p.id(), sandboxId);
                });
    }

    /**
     * Sends a prompt to its sandbox. When that fails, the bridge connection is dropped: the sandbox
     * reconnects, and its hello (which names the prompts it has) gets the prompt sent again.
     */
    private void sendOrReconnect(UUID sandboxId, ControlMessage.RunPrompt command) {
        if (!bridges.send(sandboxId, command)) {
            log.warn(
                    "Could not send prompt={} to sandbox={}; dropping its bridge so it reconnects",
                    command.promptId(),
                    sandboxId);
            bridges.drop(sandboxId, "a prompt could not be sent; reconnect");
        }
    }

    private ControlMessage.RunPrompt command(PromptEntity prompt, String branch) {
        return new ControlMessage.RunPrompt(
                prompt.id().toString(),
                prompt.content(),
                views.author(prompt.authorId()),
                prompt.model(),
                prompt.reasoningEffort(),
                branch,
                PromptViews.contextOf(prompt).stream()
                        .map(c -> new ContextBlock(c.title(), c.content(), c.trusted()))
                        .toList(),
                PromptKind.review.name().equals(prompt.kind()));
    }
}
