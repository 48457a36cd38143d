package io.codinspect.controlplane.event;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the domain's reactions to stored sandbox events ({@link SandboxEventsStored}: a prompt's
 * outcome, a failed boot) after the events committed, on their own thread, in order, each in its
 * listener's own transaction. A reaction that throws is logged and retried with backoff, and never
 * holds up the ingest of other sandboxes' events. What is still lost here (a crash between the
 * commit and the reaction, a reaction that keeps failing) is found again from the event log by the
 * features' reconcilers. A retry waits on a timer, not in line, so that one failing reaction never
 * delays the reactions to other sessions' events.
 *
 * <p>The queue is bounded ({@code codinspect.events.ingest-queue-capacity}); when it is full the
 * ingest waits, which slows the sandboxes down instead of dropping a reaction.
 */
@Component
public class EventReactions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventReactions.class);
    private static final int ATTEMPTS = 5;

    /** One reaction to run, and how many times it was tried. */
    private record Pending(SandboxEventsStored stored, int attempt) {}

    private final BlockingQueue<Pending> queue;
    private final java.util.concurrent.ScheduledExecutorService retries =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("event-reaction-retries").daemon().factory());
    private final ApplicationEventPublisher publisher;
    private final Counter failures;
    private volatile Thread worker;
    private volatile boolean running;
    private volatile boolean reacting;

    EventReactions(EventProperties properties, ApplicationEventPublisher publisher, MeterRegistry meters) {
        this.queue = new ArrayBlockingQueue<>(properties.ingestQueueCapacity());
        this.publisher = publisher;
        this.failures = meters.counter("codinspect.events.reaction.failures");
        meters.gaugeCollectionSize("codinspect.events.reactions.queue", List.of(), queue);
    }

    /** Queues stored events for their reactions; waits while the queue is full. */
    void submit(List<SandboxEventsStored> stored) {
        for (var event : stored) {
            try {
                queue.put(new Pending(event, 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("Interrupted while queueing reactions; the reconcilers will find the rest");
                return;
            }
        }
    }

    /** Waits, at most {@code timeout}, until every queued reaction has run. */
    public void awaitIdle(Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        while ((!queue.isEmpty() || reacting) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // polled: reactions are few and this runs once, at shutdown
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("event-reactions").daemon().start(this::drain);
    }

    @Override
    public void stop() {
        running = false;
        var thread = worker;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread.interrupt();
        }
        retries.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return EventIngest.PHASE - 1; // stops after the ingest that feeds it
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            Pending next;
            try {
                next = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next != null) {
                reacting = true;
                try {
                    react(next);
                } finally {
                    reacting = false;
                }
            }
        }
    }

    private void react(Pending pending) {
        var stored = pending.stored();
        try {
            publisher.publishEvent(stored);
        } catch (RuntimeException e) {
            failures.increment();
            if (pending.attempt() >= ATTEMPTS) {
                log.error(
                        "Reacting to event seq={} session={} failed {} times; leaving it to the reconcilers",
                        stored.seq(),
                        stored.sessionId(),
                        ATTEMPTS,
                        e);
                return;
            }
            var backoff = Math.min(100L << (2 * (pending.attempt() - 1)), 5_000);
            log.warn(
                    "Reacting to event seq={} session={} failed (attempt {}); retrying in {} ms",
                    stored.seq(),
                    stored.sessionId(),
                    pending.attempt(),
                    backoff,
                    e);
            retries.schedule(() -> retry(new Pending(stored, pending.attempt() + 1)), backoff, TimeUnit.MILLISECONDS);
        }
    }

    private void retry(Pending pending) {
        if (!queue.offer(pending)) {
            log.warn(
                    "No room to retry the reaction to event seq={} session={}; leaving it to the reconcilers",
                    pending.stored().seq(),
                    pending.stored().sessionId());
        }
    }
}
