package io.codinspect.controlplane.prompt;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A prompt to queue. {@code content} is limited by {@code codinspect.prompts.max-content-length}
 * (413 beyond it); a repeated {@code clientRequestId} returns the prompt it first created.
 *
 * @param source where it came from; a person's token may send {@code web} or {@code api}
 *     (the default), a bot's prompts get its namespace whatever they say
 * @param sourceUrl an {@code https://} (or {@code http://}) link back to where it came from
 * @param context blocks given beside the words, each with a title and a trust flag (docs/bots.md)
 * @param botData what the bot that sends it keeps on the prompt (JSON, at most 4 KiB)
 * @param kind {@code work} (the default) or {@code review}, which never commits nor pushes
 */
public record NewPrompt(
        @NotBlank String content,

        @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._:-]+/[A-Za-z0-9._:/@-]+", message = "must be provider/model")
        String model,

        @Pattern(
                regexp = "none|minimal|low|medium|high|xhigh|max",
                message = "must be one of none, minimal, low, medium, high, xhigh, max")
        String reasoningEffort,

        @Size(max = 200) String clientRequestId,

        PromptSource source,

        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        String sourceUrl,

        @Size(max = 20) List<@NotNull @Valid Context> context,

        JsonNode botData,

        PromptKind kind) {

    /** A block of context: a thread's earlier messages, a pull request's description. */
    public record Context(
            @NotBlank @Size(max = 200) String title,
            @NotNull @Size(max = 32_000) String content,
            boolean trusted) {}

    public NewPrompt(String content, String model, String reasoningEffort, String clientRequestId) {
        this(content, model, reasoningEffort, clientRequestId, null, null, null, null, null);
    }

    public NewPrompt {
        context = context == null ? List.of() : List.copyOf(context);
        kind = kind == null ? PromptKind.work : kind;
    }
}
