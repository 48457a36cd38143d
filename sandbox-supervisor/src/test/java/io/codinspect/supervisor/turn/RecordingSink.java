package io.codinspect.supervisor.turn;

import io.codinspect.model.bridge.DeltaKind;
import io.codinspect.model.event.SessionEvent;
import io.codinspect.supervisor.bridge.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what would have gone over the bridge. */
final class RecordingSink implements EventSink {

    record Delta(String promptId, String partId, DeltaKind kind, String text) {}

    final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    final List<Delta> deltas = new CopyOnWriteArrayList<>();

    @Override
    public void emit(SessionEvent event) {
        events.add(event);
    }

    @Override
    public void delta(String promptId, String partId, DeltaKind kind, String text) {
        deltas.add(new Delta(promptId, partId, kind, text));
    }

    <T extends SessionEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
