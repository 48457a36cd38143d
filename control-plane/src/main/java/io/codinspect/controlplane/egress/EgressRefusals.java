package io.codinspect.controlplane.egress;

import io.codinspect.controlplane.event.EventLog;
import io.codinspect.controlplane.sandbox.AgentTokens.Agent;
import io.codinspect.model.event.Warning;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shows refused connections in their session's timeline as {@code Warning} events, e.g. "Egress
 * refused: evil.example.com:443 is not an allowed host (codinspect.sandbox.egress.allowed-hosts)",
 * coalesced by {@link RefusalCoalescer}. The proxy's threads only queue them; one worker appends
 * each in a transaction of its own, so a slow database never holds a connection. The queue holds
 * {@link #QUEUE_CAPACITY}; a refusal arriving when it is full is logged but not shown.
 */
@Component
class EgressRefusals implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EgressRefusals.class);
    static final int QUEUE_CAPACITY = 1000;

    private record Pending(Agent agent, String message) {}

    private final EventLog events;
    private final TransactionTemplate tx;
    private final RefusalCoalescer coalescer;
    private final String window;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean running;
    private volatile Thread worker;

    EgressRefusals(EventLog events, TransactionTemplate tx, EgressProperties properties) {
        this.events = events;
        this.tx = tx;
        this.coalescer = new RefusalCoalescer(properties.refusalWindow(), properties.maxRefusalsShown());
        this.window = properties.refusalWindow().toSeconds() + " s";
    }

    /** A connection of {@code agent}'s to {@code target} ({@code host:port}) was refused. */
    void refused(Agent agent, String host, String target, String why, String setting) {
        var show = coalescer.admit(agent.sandboxId(), host, System.nanoTime());
        if (show.isEmpty()) {
            log.debug(
                    "Egress refused again sandbox={} session={} target={}",
                    agent.sandboxId(),
                    agent.sessionId(),
                    target);
            return;
        }
        log.info(
                "Egress refused sandbox={} session={} target={}: {}",
                agent.sandboxId(),
                agent.sessionId(),
                target,
                why);
        var message = switch (show.get()) {
            case refusal -> "Egress refused: " + target + " " + why + " (" + setting + ")";
            case limitNote ->
                "Egress: more connections of this sandbox were refused; further refusals are not shown" + " for "
                        + window + " (they are counted in codinspect.egress.connections)";
        };
        if (!queue.offer(new Pending(agent, message))) {
            log.warn(
                    "Egress refusal of sandbox={} session={} not shown: the queue is full",
                    agent.sandboxId(),
                    agent.sessionId());
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofVirtual().name("egress-refusals").start(this::drain);
    }

    @Override
    public void stop() {
        running = false;
        var thread = worker;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the proxy, which feeds it. */
    @Override
    public int getPhase() {
        return EgressProxy.PHASE - 1;
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            Pending next;
            try {
                next = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                continue;
            }
            try {
                tx.executeWithoutResult(
                        status -> events.append(next.agent().sessionId(), new Warning(null, next.message())));
            } catch (RuntimeException e) {
                log.warn(
                        "Could not show an egress refusal in session={}",
                        next.agent().sessionId(),
                        e);
            }
        }
    }
}
