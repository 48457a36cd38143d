package io.codinspect.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A prompt as its author wrote it, recorded when it is queued.
 *
 * @param truncated whether {@code content} was cut to fit the event size limit (never for a prompt
 *     within the prompt length limit); left out of the JSON when false
 */
public record UserMessage(
        String promptId,
        Author author,
        String content,
        String model,
        String reasoningEffort,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated)
        implements SessionEvent {

    public UserMessage(String promptId, Author author, String content, String model, String reasoningEffort) {
        this(promptId, author, content, model, reasoningEffort, false);
    }
}
