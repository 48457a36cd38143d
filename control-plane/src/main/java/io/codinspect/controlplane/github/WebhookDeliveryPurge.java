package io.codinspect.controlplane.github;

import io.codinspect.controlplane.github.internal.WebhookDeliveryRepository;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets webhook delivery ids older than {@code codinspect.github.webhook-retention}, hourly, in
 * batches of {@value #BATCH} rows (one short transaction each) and at most {@value #MAX_BATCHES}
 * batches per run, so a large backlog is worked off over several runs without long locks.
 */
@Component
class WebhookDeliveryPurge {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryPurge.class);
    static final int BATCH = 1_000;
    static final int MAX_BATCHES = 100;

    private final WebhookDeliveryRepository deliveries;
    private final GitHubProperties properties;
    private final Clock clock;

    WebhookDeliveryPurge(WebhookDeliveryRepository deliveries, GitHubProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many delivery ids were forgotten. */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    int purge() {
        var cutoff = clock.instant().minus(properties.webhookRetention());
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int deleted = deliveries.deleteReceivedBefore(cutoff, BATCH);
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        if (total > 0) {
            log.info("Purged webhook deliveries={} received before {}", total, cutoff);
        }
        return total;
    }
}
