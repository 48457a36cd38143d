package io.codinspect.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something failed; {@code message} says what in plain words.
 *
 * @param truncated whether {@code message} was cut to fit the event size limit (it then ends with
 *     a marker saying how much was cut); left out of the JSON when false
 */
public record ErrorEvent(
        String promptId,
        String message,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated) implements SessionEvent {

    public ErrorEvent(String promptId, String message) {
        this(promptId, message, false);
    }
}
