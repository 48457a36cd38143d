/** Persistence of notifications: subscriptions and the outbox of deliveries. */
package io.codinspect.controlplane.notification.internal;
