package io.codinspect.model.stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.codinspect.model.bridge.DeltaKind;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What the control plane sends a watcher on a session's WebSocket. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerMessage.Event.class, name = "event"),
    @JsonSubTypes.Type(value = ServerMessage.Delta.class, name = "delta"),
    @JsonSubTypes.Type(value = ServerMessage.ReplayDone.class, name = "replay.done"),
    @JsonSubTypes.Type(value = ServerMessage.Presence.class, name = "presence"),
    @JsonSubTypes.Type(value = ServerMessage.PromptAccepted.class, name = "prompt.accepted"),
    @JsonSubTypes.Type(value = ServerMessage.Problem.class, name = "error"),
    @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = ServerMessage.Batch.class, name = "batch")
})
public sealed interface ServerMessage {

    /** One stored event: {@code {"seq", "type", "createdAt", ...fields}}. */
    record Event(ObjectNode event) implements ServerMessage {
        public long seq() {
            return event.get("seq").asLong();
        }

        public String eventType() {
            return event.get("type").asString();
        }
    }

    /** A piece of streamed text, live only; the stored timeline has the final text. */
    record Delta(String promptId, String partId, DeltaKind kind, String text) implements ServerMessage {}

    /** Every event up to {@code lastSeq} has been replayed; what follows is live. */
    record ReplayDone(long lastSeq) implements ServerMessage {}

    /** Everyone watching the session now. */
    record Presence(List<Watcher> watchers) implements ServerMessage {}

    /** A prompt sent over this socket was queued. */
    record PromptAccepted(JsonNode prompt) implements ServerMessage {}

    /** A message from this client was refused; the fields are those of an RFC 9457 problem. */
    record Problem(int status, String title, String detail) implements ServerMessage {}

    /** Several messages sent together, in order, when a watcher has a backlog. */
    record Batch(List<ServerMessage> messages) implements ServerMessage {}

    /** Answer to ping. */
    record Pong() implements ServerMessage {}
}
