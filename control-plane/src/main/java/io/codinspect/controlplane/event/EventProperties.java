package io.codinspect.controlplane.event;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event log and its ingest from sandboxes.
 *
 * @param toolOutputLimit tool outputs longer than this many characters are cut before storing;
 *     the event then says {@code outputTruncated: true}
 * @param ingestQueueCapacity events from sandboxes waiting to be stored; when full, bridge
 *     connections stop reading until there is room (back-pressure to the sandboxes, nothing lost)
 * @param batchSize most events stored in one transaction
 */
@ConfigurationProperties("codinspect.events")
public record EventProperties(
        @DefaultValue("16384") int toolOutputLimit,
        @DefaultValue("20000") int ingestQueueCapacity,
        @DefaultValue("1000") int batchSize) {}
