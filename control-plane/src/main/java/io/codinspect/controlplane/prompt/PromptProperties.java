package io.codinspect.controlplane.prompt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The prompt queue.
 *
 * @param maxUnfinished most queued or running prompts per session; one more is refused with 429
 * @param maxContentLength most characters in one prompt; more is refused with 413
 */
@ConfigurationProperties("codinspect.prompts")
public record PromptProperties(
        @DefaultValue("10") int maxUnfinished,
        @DefaultValue("64000") int maxContentLength) {}
