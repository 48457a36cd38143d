package io.codinspect.controlplane.event;

import io.codinspect.model.event.EventLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The event log and its ingest from sandboxes.
 *
 * @param toolOutputLimit tool outputs longer than this many characters are cut before storing;
 *     the event then says {@code outputTruncated: true}
 * @param ingestQueueCapacity events from sandboxes waiting to be stored; when full, bridge
 *     connections stop reading until there is room (back-pressure to the sandboxes, nothing lost)
 * @param batchSize most events stored in one transaction
 * @param maxEventSize most UTF-8 bytes of one stored event's JSON, whoever reports it; a larger
 *     event has its texts cut to fit (each ending with {@code "… [cut N bytes]"}, the event saying
 *     {@code truncated: true}), or is replaced by a warning when it has nothing to cut. At least
 *     1KB; a prompt of the largest allowed length fits in the default
 * @param pageBytes most bytes of events in one page of {@code GET /api/sessions/{id}/events} and of
 *     a watcher's replay; a page holds at least one event whatever its size
 * @param largeMessageBudget characters shared by all bridges for reading messages larger than
 *     {@code maxEventSize} plus 4 KiB of envelope, whose events are then cut on arrival; a message
 *     larger than the whole budget closes its bridge with 1009, one that does not fit beside the
 *     large messages being read at the moment with 1013 (try again later)
 */
@ConfigurationProperties("codinspect.events")
public record EventProperties(
        @DefaultValue("16384") int toolOutputLimit,
        @DefaultValue("20000") int ingestQueueCapacity,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("256KB") DataSize maxEventSize,
        @DefaultValue("4MB") DataSize pageBytes,
        @DefaultValue("16MB") DataSize largeMessageBudget) {

    public EventProperties {
        if (maxEventSize.toBytes() < EventLimits.MIN_BYTES || maxEventSize.toBytes() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("codinspect.events.max-event-size must be between "
                    + EventLimits.MIN_BYTES + " bytes and 1GB, not " + maxEventSize);
        }
        if (pageBytes.toBytes() < 1) {
            throw new IllegalArgumentException("codinspect.events.page-bytes must be positive, not " + pageBytes);
        }
        if (largeMessageBudget.toBytes() < 0 || largeMessageBudget.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "codinspect.events.large-message-budget must be between 0 and 2GB, not " + largeMessageBudget);
        }
    }

    /** {@link #maxEventSize} in bytes. */
    public int maxEventBytes() {
        return (int) maxEventSize.toBytes();
    }
}
