package io.codinspect.controlplane.github.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "webhook_delivery")
public class WebhookDeliveryEntity {

    @Id
    @Column(name = "delivery_id")
    private String deliveryId;

    @Column(name = "received_at")
    private Instant receivedAt;

    protected WebhookDeliveryEntity() {}
}
