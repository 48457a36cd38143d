package io.codinspect.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The final text of one reasoning part.
 *
 * @param truncated whether {@code text} was cut to fit the event size limit (it then ends with
 *     a marker saying how much was cut); left out of the JSON when false
 */
public record Reasoning(
        String promptId,
        String partId,
        String text,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated) implements SessionEvent {

    public Reasoning(String promptId, String partId, String text) {
        this(promptId, partId, text, false);
    }
}
