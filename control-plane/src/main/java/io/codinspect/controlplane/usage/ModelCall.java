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
 * @param outcome how the call ended
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
        Outcome outcome,
        String error,
        Instant startedAt,
        Duration firstToken,
        Duration duration) {

    /** How a call ended; {@link #wire()} is how it is stored and shown. */
    public enum Outcome {
        OK("ok"),
        PROVIDER_ERROR("provider-error"),
        TIMEOUT("timeout"),
        UNREACHABLE("unreachable"),
        CANCELLED("cancelled"),
        REFUSED("refused");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
