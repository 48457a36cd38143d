package io.codinspect.controlplane.prompt;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A prompt to queue. {@code content} is limited by {@code codinspect.prompts.max-content-length}
 * (413 beyond it); a repeated {@code clientRequestId} returns the prompt it first created.
 */
public record NewPrompt(
        @NotBlank String content,

        @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._:-]+/[A-Za-z0-9._:/@-]+", message = "must be provider/model")
        String model,

        @Pattern(
                regexp = "none|minimal|low|medium|high|xhigh|max",
                message = "must be one of none, minimal, low, medium, high, xhigh, max")
        String reasoningEffort,

        @Size(max = 200) String clientRequestId) {}
