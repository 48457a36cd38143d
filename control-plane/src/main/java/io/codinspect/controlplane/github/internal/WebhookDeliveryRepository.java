package io.codinspect.controlplane.github.internal;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface WebhookDeliveryRepository extends JpaRepository<WebhookDeliveryEntity, String> {

    /** Records a delivery id; returns 0 when it was already recorded. */
    @Modifying
    @Query(
            nativeQuery = true,
            value = "insert into webhook_delivery (delivery_id, received_at) values (:id, :at) on conflict do nothing")
    int record(String id, Instant at);
}
