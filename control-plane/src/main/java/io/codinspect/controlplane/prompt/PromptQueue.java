package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.event.EventLog;
import io.codinspect.controlplane.model.ModelCatalog;
import io.codinspect.controlplane.prompt.internal.PromptEntity;
import io.codinspect.controlplane.prompt.internal.PromptRepository;
import io.codinspect.controlplane.sandbox.BridgeConnections;
import io.codinspect.controlplane.sandbox.SandboxLifecycle;
import io.codinspect.controlplane.sandbox.SandboxState;
import io.codinspect.controlplane.session.BotData;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.controlplane.session.SessionStatus;
import io.codinspect.controlplane.system.AfterCommit;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.model.bridge.ContextBlock;
import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.event.PromptCancelled;
import io.codinspect.model.event.UserMessage;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each session's durable FIFO of prompts: queue, cancel, stop, list. */
@Service
public class PromptQueue {

    private static final Logger log = LoggerFactory.getLogger(PromptQueue.class);
    static final EnumSet<PromptStatus> UNFINISHED = EnumSet.of(PromptStatus.queued, PromptStatus.running);
    static final int MAX_CONTEXT_CHARS = 64_000;

    private final PromptRepository prompts;
    private final ModelCatalog models;
    private final SessionManagement sessions;
    private final EventLog events;
    private final PromptViews views;
    private final PromptDispatcher dispatcher;
    private final PromptTransitions transitions;
    private final SandboxLifecycle sandboxes;
    private final BridgeConnections bridges;
    private final PromptProperties properties;
    private final Clock clock;
    private final PromptEndings endings;

    PromptQueue(
            PromptRepository prompts,
            SessionManagement sessions,
            EventLog events,
            PromptViews views,
            PromptDispatcher dispatcher,
            PromptTransitions transitions,
            SandboxLifecycle sandboxes,
            BridgeConnections bridges,
            PromptProperties properties,
            Clock clock,
            PromptEndings endings,
            ModelCatalog models) {
        this.models = models;
        this.prompts = prompts;
        this.sessions = sessions;
        this.events = events;
        this.views = views;
        this.dispatcher = dispatcher;
        this.transitions = transitions;
        this.sandboxes = sandboxes;
        this.bridges = bridges;
        this.properties = properties;
        this.clock = clock;
        this.endings = endings;
    }

    /** Queues a prompt; a repeated {@code clientRequestId} returns the prompt it first made. */
    @Transactional
    public Prompt enqueue(CurrentUser author, UUID sessionId, NewPrompt request) {
        if (request.content().length() > properties.maxContentLength()) {
            throw ControlPlaneException.tooLarge("A prompt may have at most %d characters; this one has %d."
                    .formatted(properties.maxContentLength(), request.content().length()));
        }
        var contextChars =
                request.context().stream().mapToLong(c -> c.content().length()).sum();
        if (contextChars > MAX_CONTEXT_CHARS) {
            throw ControlPlaneException.tooLarge(
                    "A prompt's context may have at most %d characters in all; this has %d."
                            .formatted(MAX_CONTEXT_CHARS, contextChars));
        }
        var botData = BotData.stored(request.botData());
        var via = author.via();
        if (botData != null && via == null) {
            throw ControlPlaneException.badRequest("Only a bot's service account may keep botData on a prompt.");
        }
        var source = via != null ? PromptSource.ofNamespace(via.namespace()) : peopleSource(request.source());
        var session = sessions.lockSession(sessionId);
        if (request.clientRequestId() != null) {
            var existing = prompts.findBySessionIdAndClientRequestId(sessionId, request.clientRequestId());
            if (existing.isPresent()) {
                return view(existing.get());
            }
        }
        if (session.status() == SessionStatus.archived) {
            throw ControlPlaneException.conflict("Session " + sessionId + " is archived; unarchive it first.");
        }
        var unfinished = prompts.findBySessionIdAndStatusInOrderByOrdinal(sessionId, UNFINISHED);
        if (unfinished.size() >= properties.maxUnfinished()) {
            throw ControlPlaneException.tooMany("Session %s already has %d unfinished prompts; wait for one to finish."
                    .formatted(sessionId, unfinished.size()));
        }
        models.check(request.model());
        var model = request.model() != null
                ? request.model()
                : session.model() != null
                        ? session.model()
                        : models.defaultModel().orElse(null);
        var effort = request.reasoningEffort() != null ? request.reasoningEffort() : session.reasoningEffort();
        var prompt = prompts.saveAndFlush(new PromptEntity(
                        UUID.randomUUID(),
                        sessionId,
                        sessions.nextPromptOrdinal(sessionId),
                        author.id(),
                        request.content(),
                        model,
                        effort,
                        request.clientRequestId(),
                        clock.instant())
                .from(
                        source.name(),
                        request.sourceUrl(),
                        request.context().isEmpty() ? null : EventCodec.mapper().writeValueAsString(request.context()),
                        via == null ? null : via.name(),
                        botData)
                .kind(request.kind().name()));
        transitions.record(prompt, null, PromptStatus.queued, null);
        events.append(
                sessionId,
                new UserMessage(
                        prompt.id().toString(),
                        views.author(author.id()),
                        request.content(),
                        model,
                        effort,
                        false,
                        source.name(),
                        request.sourceUrl(),
                        request.context().stream()
                                .map(c -> new ContextBlock(c.title(), c.content(), c.trusted()))
                                .toList()));
        AfterCommit.run(() -> dispatcher.kick(sessionId));
        log.info("Queued prompt={} session={} by user={}", prompt.id(), sessionId, author.id());
        return views.view(prompt, unfinished.size());
    }

    /** Replaces the bot data of a prompt; only the bot that sent it may. */
    @Transactional
    public Prompt keepBotData(CurrentUser actor, UUID sessionId, UUID promptId, tools.jackson.databind.JsonNode data) {
        sessions.lockSession(sessionId);
        var prompt = find(sessionId, promptId);
        if (actor.via() == null || !actor.via().name().equals(prompt.createdVia())) {
            throw ControlPlaneException.forbidden("Only the bot that sent this prompt may change its botData.");
        }
        prompt.botData(BotData.stored(data));
        return view(prompt);
    }

    /** What a person's own token may say of where a prompt came from: the web UI or the API. */
    private static PromptSource peopleSource(PromptSource asked) {
        if (asked == null) {
            return PromptSource.api;
        }
        if (asked != PromptSource.web && asked != PromptSource.api) {
            throw ControlPlaneException.badRequest(
                    "source '" + asked + "' is set by CodInspect itself; a person's prompt is from web or api.");
        }
        return asked;
    }

    /** Cancels a queued prompt. A running prompt is stopped with {@link #stop} instead. */
    @Transactional
    public Prompt cancel(UUID sessionId, UUID promptId) {
        sessions.lockSession(sessionId);
        var prompt = find(sessionId, promptId);
        if (prompt.status() != PromptStatus.queued) {
            throw ControlPlaneException.conflict("Only queued prompts can be cancelled; prompt " + promptId + " is "
                    + prompt.status() + (prompt.status() == PromptStatus.running ? " (use stop)." : "."));
        }
        transitions.finish(prompt, PromptStatus.cancelled, null);
        events.append(sessionId, new PromptCancelled(promptId.toString(), "cancelled while queued"));
        return view(prompt);
    }

    /**
     * Stops the running prompt: the sandbox aborts the turn and reports it cancelled. A sandbox
     * whose bridge is down hears of the stop in its welcome when it reconnects; one that does not
     * confirm within the stop timeout is overruled ({@link StopEnforcer}).
     */
    @Transactional
    public Prompt stop(UUID sessionId) {
        sessions.lockSession(sessionId);
        var running = prompts.findBySessionIdAndStatusInOrderByOrdinal(sessionId, EnumSet.of(PromptStatus.running));
        if (running.isEmpty()) {
            throw ControlPlaneException.conflict("Session " + sessionId + " has no running prompt to stop.");
        }
        var prompt = running.getFirst();
        prompt.requestStop(clock.instant());
        var sandbox = sandboxes.live(sessionId).filter(s -> s.id().equals(prompt.sandboxId()));
        if (sandbox.isPresent()) {
            if (sandbox.get().state() == SandboxState.connected) {
                var sandboxId = sandbox.get().id();
                AfterCommit.run(() -> bridges.send(
                        sandboxId, new ControlMessage.Stop(prompt.id().toString())));
            }
        } else {
            endings.endRunning(
                    prompt,
                    PromptStatus.cancelled,
                    null,
                    new PromptCancelled(prompt.id().toString(), "stopped"));
        }
        return view(prompt);
    }

    @Transactional(readOnly = true)
    public List<Prompt> list(UUID sessionId) {
        sessions.get(sessionId);
        return views.all(prompts.findBySessionIdOrderByOrdinal(sessionId));
    }

    @Transactional(readOnly = true)
    public Prompt get(UUID sessionId, UUID promptId) {
        sessions.get(sessionId);
        return view(find(sessionId, promptId));
    }

    private PromptEntity find(UUID sessionId, UUID promptId) {
        return prompts.findByIdAndSessionId(promptId, sessionId)
                .orElseThrow(() -> ControlPlaneException.notFound("prompt", promptId));
    }

    private Prompt view(PromptEntity prompt) {
        if (prompt.status().finished()) {
            return views.view(prompt, null);
        }
        var ahead = (int) prompts.findBySessionIdAndStatusInOrderByOrdinal(prompt.sessionId(), UNFINISHED).stream()
                .filter(p -> p.ordinal() < prompt.ordinal())
                .count();
        return views.view(prompt, ahead);
    }

    /** Whether the running prompt of the session, if any, is a review (which may not push). */
    @Transactional(readOnly = true)
    public boolean reviewRunning(UUID sessionId) {
        return prompts.findBySessionIdAndStatusInOrderByOrdinal(sessionId, EnumSet.of(PromptStatus.running)).stream()
                .anyMatch(p -> PromptKind.review.name().equals(p.kind()));
    }
}
