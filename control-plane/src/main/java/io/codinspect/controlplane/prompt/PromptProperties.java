package io.codinspect.controlplane.prompt;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The prompt queue.
 *
 * @param maxUnfinished most queued or running prompts per session; one more is refused with 429
 * @param maxContentLength most characters in one prompt; more is refused with 413
 * @param stopTimeout a running prompt whose sandbox has not confirmed a stop by then is ended by
 *     the control plane, so a session is never stuck behind a sandbox that ignores stops or is away
 * @param turnTimeout a prompt running longer than this is stopped (its work so far committed and
 *     pushed by the sandbox) and fails saying so
 * @param reconcileInterval how often the control plane looks for work no callback may have
 *     started: sessions with queued prompts and none running, running prompts whose ending is
 *     stored, turns past their timeout
 */
@ConfigurationProperties("codinspect.prompts")
public record PromptProperties(
        @DefaultValue("10") int maxUnfinished,
        @DefaultValue("64000") int maxContentLength,
        @DefaultValue("30s") Duration stopTimeout,
        @DefaultValue("90m") Duration turnTimeout,
        @DefaultValue("2s") Duration reconcileInterval) {}
