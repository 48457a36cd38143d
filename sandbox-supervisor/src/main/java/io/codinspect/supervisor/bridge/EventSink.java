package io.codinspect.supervisor.bridge;

import io.codinspect.model.bridge.DeltaKind;
import io.codinspect.model.event.SessionEvent;

/** Where the sandbox's events go: the bridge to the control plane. */
public interface EventSink {

    /** A session event, delivered at least once and in order; may block while the outbox is full. */
    void emit(SessionEvent event);

    /** A piece of streamed text, shown live and never stored; dropped when not connected. */
    void delta(String promptId, String partId, DeltaKind kind, String text);
}
