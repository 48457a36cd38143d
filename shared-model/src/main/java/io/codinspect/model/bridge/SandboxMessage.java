package io.codinspect.model.bridge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.JsonNode;

/**
 * What a sandbox sends the control plane over the bridge. See {@code docs/bridge-protocol.md}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SandboxMessage.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = SandboxMessage.Event.class, name = "event"),
    @JsonSubTypes.Type(value = SandboxMessage.Delta.class, name = "delta"),
    @JsonSubTypes.Type(value = SandboxMessage.Heartbeat.class, name = "heartbeat")
})
public sealed interface SandboxMessage {

    /**
     * First message on every connection.
     *
     * @param activePromptId the prompt the agent is working on now, if any
     * @param lastPromptId the last prompt the sandbox accepted, if any
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hello(String activePromptId, String lastPromptId, String agentVersion) implements SandboxMessage {}

    /**
     * One session event. {@code id} increases by one per event for the sandbox's whole life; the
     * control plane acknowledges ids once the events are stored and drops ids it already stored.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Event(long id, JsonNode event) implements SandboxMessage {}

    /** A piece of streamed text: shown live, never stored, never acknowledged. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delta(String promptId, String partId, DeltaKind kind, String text) implements SandboxMessage {}

    /** Keeps the sandbox from being declared lost. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Heartbeat() implements SandboxMessage {}
}
