package io.codinspect.controlplane.notification;

import io.codinspect.controlplane.event.SandboxEventsStored;
import io.codinspect.controlplane.notification.internal.SubscriptionStore;
import io.codinspect.controlplane.prompt.PromptQueue;
import io.codinspect.controlplane.prompt.PromptTransitioned;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.model.event.ToolCall;
import io.codinspect.model.event.ToolStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells subscribers of {@code prompt.progress} the agent's current step, derived from tool calls
 * after they were stored (never in the ingest transaction): at most one per session per
 * {@code progress-interval}, the newest step winning, sent once and never retried. At most
 * {@link #SESSIONS} sessions are tracked and {@code concurrency} sent at once; beyond that, steps
 * are dropped — progress is best effort.
 */
@Component
class ProgressNotifier implements DisposableBean {

    static final int SESSIONS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ProgressNotifier.class);

    private record Pending(UUID promptId, String step, Instant lastSent, boolean due) {}

    private final Map<UUID, Pending> sessions = new ConcurrentHashMap<>();
    private final SubscriptionStore subscriptions;
    private final SessionManagement sessionManagement;
    private final PromptQueue prompts;
    private final Payloads payloads;
    private final Deliveries deliveries;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final Semaphore inFlight;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    ProgressNotifier(
            SubscriptionStore subscriptions,
            SessionManagement sessionManagement,
            PromptQueue prompts,
            Payloads payloads,
            Deliveries deliveries,
            NotificationsProperties properties,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.sessionManagement = sessionManagement;
        this.prompts = prompts;
        this.payloads = payloads;
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
        this.inFlight = new Semaphore(properties.concurrency());
    }

    @EventListener
    void on(SandboxEventsStored stored) {
        if (!(stored.event() instanceof ToolCall call)
                || call.status() != ToolStatus.running
                || call.promptId() == null) {
            return;
        }
        UUID promptId;
        try {
            promptId = UUID.fromString(call.promptId());
        } catch (IllegalArgumentException e) {
            return;
        }
        var step = Steps.of(call);
        var now = clock.instant();
        if (!sessions.containsKey(stored.sessionId()) && sessions.size() >= SESSIONS) {
            return;
        }
        var next = sessions.compute(stored.sessionId(), (id, was) -> {
            boolean windowOver = was == null || !now.isBefore(was.lastSent().plus(properties.progressInterval()));
            return new Pending(promptId, step, windowOver ? now : was.lastSent(), !windowOver);
        });
        if (!next.due()) {
            send(stored.sessionId(), next);
        }
    }

    /** A prompt ended: a step still waiting for its window would arrive after the end, so it is forgotten. */
    @EventListener
    void on(PromptTransitioned change) {
        if (change.status().finished()) {
            sessions.remove(change.sessionId());
        }
    }

    /** Sends the newest step of each session whose window is over, and forgets quiet sessions. */
    @Scheduled(fixedDelay = 500, initialDelay = 500, timeUnit = TimeUnit.MILLISECONDS)
    void flush() {
        var now = clock.instant();
        for (var entry : sessions.entrySet()) {
            var pending = entry.getValue();
            var windowOver = !now.isBefore(pending.lastSent().plus(properties.progressInterval()));
            if (!windowOver) {
                continue;
            }
            if (!pending.due()) {
                sessions.remove(entry.getKey(), pending);
            } else if (sessions.replace(
                    entry.getKey(), pending, new Pending(pending.promptId(), pending.step(), now, false))) {
                send(entry.getKey(), pending);
            }
        }
    }

    private void send(UUID sessionId, Pending pending) {
        if (!inFlight.tryAcquire()) {
            return;
        }
        senders.execute(() -> {
            try {
                var targets = subscriptions.forSession(sessionId, Kinds.PROMPT_PROGRESS);
                if (targets.isEmpty()) {
                    return;
                }
                var session = sessionManagement.get(sessionId);
                var prompt = prompts.get(sessionId, pending.promptId());
                for (var target : targets) {
                    var id = UUID.randomUUID();
                    var body = payloads.progress(
                            id,
                            clock.instant(),
                            session,
                            prompt,
                            subscriptions.accountName(target.serviceAccountId()),
                            pending.step());
                    var attempt = deliveries.send(id, target.url(), target.secret(), body);
                    if (!attempt.delivered()) {
                        log.debug("Progress of session={} not delivered: {}", sessionId, attempt.problem());
                    }
                }
            } catch (RuntimeException e) {
                log.debug("Progress of session={} not sent", sessionId, e);
            } finally {
                inFlight.release();
            }
        });
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
    }
}
