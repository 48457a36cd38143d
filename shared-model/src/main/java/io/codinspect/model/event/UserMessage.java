package io.codinspect.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.codinspect.model.bridge.ContextBlock;
import java.util.List;

/**
 * A prompt as its author wrote it, recorded when it is queued.
 *
 * @param truncated whether {@code content} was cut to fit the event size limit (never for a prompt
 *     within the prompt length limit); left out of the JSON when false
 * @param source where the prompt came from ({@code web}, {@code api}, {@code slack}, …)
 * @param sourceUrl a link back to where it came from (a Slack permalink); null when none
 * @param context the context blocks given beside the words; left out when none
 */
public record UserMessage(
        String promptId,
        Author author,
        String content,
        String model,
        String reasoningEffort,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated,
        String source,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sourceUrl,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ContextBlock> context)
        implements SessionEvent {

    public UserMessage {
        context = context == null ? List.of() : List.copyOf(context);
    }

    public UserMessage(
            String promptId, Author author, String content, String model, String reasoningEffort, boolean truncated) {
        this(promptId, author, content, model, reasoningEffort, truncated, null, null, List.of());
    }

    public UserMessage(String promptId, Author author, String content, String model, String reasoningEffort) {
        this(promptId, author, content, model, reasoningEffort, false);
    }
}
