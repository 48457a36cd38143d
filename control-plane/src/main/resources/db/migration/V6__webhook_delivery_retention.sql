-- Webhook delivery ids are kept only for codinspect.github.webhook-retention; the purge finds the old ones by this.
create index webhook_delivery_received_at on webhook_delivery (received_at);
