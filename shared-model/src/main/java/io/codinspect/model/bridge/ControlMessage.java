package io.codinspect.model.bridge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.codinspect.model.event.Author;
import java.util.List;

/** What the control plane sends a sandbox over the bridge. See {@code docs/bridge-protocol.md}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlMessage.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = ControlMessage.Ack.class, name = "ack"),
    @JsonSubTypes.Type(value = ControlMessage.RunPrompt.class, name = "prompt"),
    @JsonSubTypes.Type(value = ControlMessage.Stop.class, name = "stop"),
    @JsonSubTypes.Type(value = ControlMessage.Shutdown.class, name = "shutdown")
})
public sealed interface ControlMessage {

    /**
     * Answer to hello: every event id up to {@code lastEventId} is already stored.
     *
     * @param stops the stops of this sandbox's prompts the control plane asked for that the
     *     sandbox may have missed (its bridge was down): it stops them if it still runs one
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Welcome(String sandboxId, String sessionId, long lastEventId, List<Stop> stops) implements ControlMessage {
        public Welcome {
            stops = stops == null ? List.of() : List.copyOf(stops);
        }

        public Welcome(String sandboxId, String sessionId, long lastEventId) {
            this(sandboxId, sessionId, lastEventId, List.of());
        }
    }

    /** Every event id up to {@code upTo} is stored; the sandbox may forget them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ack(long upTo) implements ControlMessage {}

    /**
     * Run one prompt as {@code author}, on the session branch.
     *
     * @param context blocks given beside the person's words; untrusted ones reach the agent fenced
     *     as data (docs/bots.md#context-given-to-the-agent)
     * @param review a review: nothing is committed nor pushed, and what the agent changed in the
     *     clone is discarded when the turn ends
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RunPrompt(
            String promptId,
            String content,
            Author author,
            String model,
            String reasoningEffort,
            String branch,
            List<ContextBlock> context,
            boolean review)
            implements ControlMessage {

        public RunPrompt {
            context = context == null ? List.of() : List.copyOf(context);
        }

        public RunPrompt(
                String promptId, String content, Author author, String model, String reasoningEffort, String branch) {
            this(promptId, content, author, model, reasoningEffort, branch, List.of(), false);
        }
    }

    /**
     * Abort the running turn of {@code promptId} at once.
     *
     * @param reason why, when it is not a person's stop (e.g. the turn ran past its timeout): the
     *     prompt then ends failed with this reason instead of cancelled; null for a person's stop
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stop(String promptId, String reason) implements ControlMessage {
        public Stop(String promptId) {
            this(promptId, null);
        }
    }

    /** Finish up and exit; the sandbox is no longer needed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Shutdown(String reason) implements ControlMessage {}
}
