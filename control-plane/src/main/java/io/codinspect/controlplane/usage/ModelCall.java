package io.codinspect.controlplane.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One call of a model through the gateway, as recorded.
 *
 * @param promptId the prompt running when the call was made; null between prompts (e.g. a title)
 * @param userId the running prompt's author
 * @param api which provider API was called: {@code chat-completions}, {@code responses}, {@code messages}
 * @param status the provider's HTTP status; null when none came (timeout, refused connection)
 * @param outcome {@code ok}, {@code provider-error}, {@code timeout}, {@code unreachable}, {@code cancelled}
 * @param error what went wrong, in plain words; never holds a credential
 * @param firstToken time from the request to the first byte of the answer's body; null if none came
 */
public record ModelCall(
        UUID sessionId,
        UUID promptId,
        UUID userId,
        UUID sandboxId,
        String repository,
        String provider,
        String model,
        String api,
        TokenCounts tokens,
        Integer status,
        String outcome,
        String error,
        Instant startedAt,
        Duration firstToken,
        Duration duration) {}
