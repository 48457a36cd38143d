package io.codinspect.model.stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a watcher sends on a session's WebSocket. The first message must be {@link Hello}. See
 * {@code docs/websocket-protocol.md}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClientMessage.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = ClientMessage.SendPrompt.class, name = "prompt"),
    @JsonSubTypes.Type(value = ClientMessage.Stop.class, name = "stop"),
    @JsonSubTypes.Type(value = ClientMessage.SetPresence.class, name = "presence"),
    @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping")
})
public sealed interface ClientMessage {

    /** Authenticates with a ws-token and asks for every event after {@code lastSeq} (0 for all). */
    record Hello(String token, long lastSeq) implements ClientMessage {}

    /** Queues a prompt, as {@code POST /api/sessions/{id}/prompts} does. */
    record SendPrompt(String content, String model, String reasoningEffort, String clientRequestId)
            implements ClientMessage {}

    /** Stops the running prompt. */
    record Stop() implements ClientMessage {}

    /** Says whether this watcher is looking at the session. */
    record SetPresence(PresenceState state) implements ClientMessage {}

    /** Asks for a pong. */
    record Ping() implements ClientMessage {}
}
