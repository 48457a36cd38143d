package io.codinspect.controlplane.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notifications to bots' callback URLs (docs/bots.md, "Notifications").
 *
 * @param timeout how long one delivery may take before it counts as failed
 * @param firstBackoff the wait before a failed delivery's first retry; each retry doubles it
 * @param maxBackoff the longest wait between retries
 * @param retryFor how long a durable delivery is retried before it is dropped (and logged)
 * @param pollInterval how often the outbox is read besides the kick after each commit (retries,
 *     other replicas' rows)
 * @param batch how many deliveries one pass of the sender claims
 * @param concurrency how many deliveries are in flight at once, over all subscribers
 * @param progressInterval at most one progress notification per session in this time
 * @param keepDelivered how long delivered and dropped rows stay in the outbox
 */
@ConfigurationProperties("codinspect.notifications")
public record NotificationsProperties(
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("10s") Duration firstBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("48h") Duration retryFor,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("32") int batch,
        @DefaultValue("8") int concurrency,
        @DefaultValue("3s") Duration progressInterval,
        @DefaultValue("7d") Duration keepDelivered) {

    /** The wait before retry number {@code attempts} (1 for the first retry). */
    Duration backoff(int attempts) {
        var wait = firstBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
