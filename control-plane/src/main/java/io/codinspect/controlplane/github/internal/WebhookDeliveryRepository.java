package io.codinspect.controlplane.github.internal;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface WebhookDeliveryRepository extends JpaRepository<WebhookDeliveryEntity, String> {

    /** Records a delivery id; returns 0 when it was already recorded. */
    @Modifying
    @Query(
            nativeQuery = true,
            value = "insert into webhook_delivery (delivery_id, received_at) values (:id, :at) on conflict do nothing")
    int record(String id, Instant at);

    /** Deletes at most {@code limit} deliveries received before {@code cutoff}, in a transaction of its own. */
    @Transactional
    @Modifying
    @Query(
            nativeQuery = true,
            value = "delete from webhook_delivery where delivery_id in (select delivery_id from webhook_delivery"
                    + " where received_at < :cutoff order by received_at limit :limit)")
    int deleteReceivedBefore(Instant cutoff, int limit);
}
