package io.codinspect.controlplane.event;

import io.codinspect.model.event.EventLimits;
import io.codinspect.model.event.EventTypes;
import io.codinspect.model.event.SessionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies {@code codinspect.events.max-event-size} to every event before it is stored: those the
 * control plane writes ({@link EventLog}) and those sandboxes report, which are cut on arrival
 * whatever the sandbox claims to have done.
 */
@Component
public class EventSizeLimit {

    private static final Logger log = LoggerFactory.getLogger(EventSizeLimit.class);

    private final int maxBytes;
    private final Counter cut;

    EventSizeLimit(EventProperties properties, MeterRegistry meters) {
        this.maxBytes = properties.maxEventBytes();
        this.cut = meters.counter("codinspect.events.cut");
    }

    /** The event itself if it fits, else the event cut to fit (or the warning that replaces it). */
    public SessionEvent apply(UUID sessionId, SessionEvent event) {
        var fitted = EventLimits.cut(event, maxBytes);
        if (fitted != event) {
            cut.increment();
            log.info(
                    "Cut a '{}' event over {} bytes to fit session={}",
                    abbreviated(EventTypes.nameOf(event)),
                    maxBytes,
                    sessionId);
        }
        return fitted;
    }

    /** Most UTF-8 bytes of one event's JSON. */
    public int maxBytes() {
        return maxBytes;
    }

    private static String abbreviated(String type) {
        return EventLimits.cutText(type, 128);
    }
}
