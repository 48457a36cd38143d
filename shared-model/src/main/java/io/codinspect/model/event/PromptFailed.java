package io.codinspect.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A prompt's turn ended in failure; {@code error} says why in plain words.
 *
 * @param truncated whether {@code error} was cut to fit the event size limit (it then ends with
 *     a marker saying how much was cut); left out of the JSON when false
 */
public record PromptFailed(
        String promptId,
        String error,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated) implements SessionEvent {

    public PromptFailed(String promptId, String error) {
        this(promptId, error, false);
    }
}
