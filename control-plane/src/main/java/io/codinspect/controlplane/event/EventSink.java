package io.codinspect.controlplane.event;

import java.util.List;
import java.util.UUID;

/** Port: where committed events go live. The stream feature implements it. */
public interface EventSink {

    /** Events of one or more sessions, committed, in seq order per session. */
    void committed(List<StoredEvent> events);

    /** A live-only message (a text delta) for a session's live watchers; never stored. */
    void delta(UUID sessionId, String message);
}
