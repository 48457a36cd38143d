package io.codinspect.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A prompt was cancelled while queued, or stopped while running.
 *
 * @param truncated whether {@code reason} was cut to fit the event size limit (it then ends with
 *     a marker saying how much was cut); left out of the JSON when false
 */
public record PromptCancelled(
        String promptId,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated) implements SessionEvent {

    public PromptCancelled(String promptId, String reason) {
        this(promptId, reason, false);
    }
}
