package io.codinspect.controlplane.notification;

import io.codinspect.controlplane.notification.internal.OutboxStore;
import io.codinspect.controlplane.notification.internal.SubscriptionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox: woken after each commit that wrote to it and every poll interval, it claims due
 * deliveries (the oldest pending one of each subscription and session, so order is kept; rows other
 * replicas hold are skipped), sends them at most {@code concurrency} at a time, and marks each
 * delivered, due again after its backoff, or dropped once it has been retried for
 * {@code retry-for}. A delivery is sent at least once: subscribers deduplicate by its id.
 */
@Component
class NotificationSender implements SmartLifecycle {

    private static final Duration RENEWED_RETRY = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    private final OutboxStore outbox;
    private final SubscriptionStore subscriptions;
    private final Payloads payloads;
    private final Deliveries deliveries;
    private final NotificationsProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread loop;
    private ExecutorService senders;

    NotificationSender(
            OutboxStore outbox,
            SubscriptionStore subscriptions,
            Payloads payloads,
            Deliveries deliveries,
            NotificationsProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.payloads = payloads;
        this.deliveries = deliveries;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** Something was written to the outbox: send it now rather than at the next poll. */
    void kick() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    @Override
    public synchronized void start() {
        senders = Executors.newVirtualThreadPerTaskExecutor();
        running = true;
        loop = Thread.ofVirtual().name("notification-sender").start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                int claimed = pass();
                if (claimed < properties.batch()) {
                    wake.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Sending notifications failed; trying again in {}", properties.pollInterval(), e);
                sleepQuietly(properties.pollInterval());
            }
        }
    }

    /** Claims and sends one batch; how many deliveries it claimed. */
    int pass() {
        var now = clock.instant();
        var lease = now.plus(properties.timeout()).plusSeconds(30);
        var claimed = tx.execute(status -> outbox.claim(now, lease, properties.batch()));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        var sends = new ArrayList<CompletableFuture<Void>>();
        var slots = new Semaphore(properties.concurrency());
        for (var delivery : claimed) {
            slots.acquireUninterruptibly();
            sends.add(CompletableFuture.runAsync(
                    () -> {
                        try {
                            deliver(delivery);
                        } finally {
                            slots.release();
                        }
                    },
                    senders));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        return claimed.size();
    }

    private void deliver(OutboxStore.Claimed delivery) {
        try {
            var subscription = subscriptions.find(delivery.subscriptionId()).orElse(null);
            if (subscription == null) {
                return; // unsubscribed since: its rows are gone with it
            }
            var payload = delivery.payload();
            if (payload == null) {
                payload = payloads.build(delivery, subscriptions.accountName(subscription.serviceAccountId()));
                outbox.keepPayload(delivery.id(), payload);
            }
            var attempt = deliveries.send(delivery.id(), subscription.url(), subscription.secret(), payload);
            var now = clock.instant();
            if (attempt.delivered()) {
                outbox.delivered(delivery.id(), now);
                log.debug("Delivered {} {} of session={}", delivery.kind(), delivery.id(), delivery.sessionId());
            } else {
                failed(delivery, attempt.problem(), renewedSince(subscription));
            }
        } catch (RuntimeException e) {
            log.warn("Delivery {} {} of session={} failed", delivery.kind(), delivery.id(), delivery.sessionId(), e);
            failed(delivery, e.getClass().getSimpleName(), false);
        }
    }

    /** Whether the subscription was renewed (a bot starting again) while a delivery signed for it was sent. */
    private boolean renewedSince(SubscriptionStore.Row sent) {
        return subscriptions
                .find(sent.id())
                .map(now -> !now.secret().equals(sent.secret()))
                .orElse(false);
    }

    /**
     * Schedules the next attempt after the backoff, or soon when the subscription was renewed
     * meanwhile: the bot is back and refused only the old secret.
     */
    private void failed(OutboxStore.Claimed delivery, String problem, boolean renewed) {
        var now = clock.instant();
        if (Duration.between(delivery.occurredAt(), now).compareTo(properties.retryFor()) >= 0) {
            outbox.dropped(delivery.id(), now, problem);
            log.warn(
                    "Dropped {} {} of session={} after {} attempts over {}: {}",
                    delivery.kind(),
                    delivery.id(),
                    delivery.sessionId(),
                    delivery.attempts(),
                    properties.retryFor(),
                    problem);
            return;
        }
        var wait = renewed ? RENEWED_RETRY : properties.backoff(delivery.attempts());
        outbox.retryAt(delivery.id(), now.plus(wait), problem);
        log.info(
                "Delivery {} {} of session={} failed ({}); attempt {} in {}",
                delivery.kind(),
                delivery.id(),
                delivery.sessionId(),
                problem,
                delivery.attempts() + 1,
                wait);
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    void purge() {
        int gone = outbox.purge(clock.instant().minus(properties.keepDelivered()));
        if (gone > 0) {
            log.info("Purged {} delivered or dropped notifications", gone);
        }
    }

    private static void sleepQuietly(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
