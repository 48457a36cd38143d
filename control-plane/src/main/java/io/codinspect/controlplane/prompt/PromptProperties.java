package io.codinspect.controlplane.prompt;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The prompt queue.
 *
 * @param maxUnfinished most queued or running prompts per session; one more is refused with 429
 * @param maxContentLength most characters in one prompt; more is refused with 413
 * @param stopTimeout a running prompt whose sandbox has not confirmed a stop by then is cancelled
 *     by the control plane, so a session is never stuck behind a sandbox that ignores stops
 */
@ConfigurationProperties("codinspect.prompts")
public record PromptProperties(
        @DefaultValue("10") int maxUnfinished,
        @DefaultValue("64000") int maxContentLength,
        @DefaultValue("30s") Duration stopTimeout) {}
