package io.codinspect.controlplane.gateway;

import io.codinspect.controlplane.usage.ModelCall;
import io.codinspect.controlplane.usage.ModelCall.Outcome;
import io.codinspect.controlplane.usage.TokenCounts;
import java.time.Duration;
import java.time.Instant;

/** One call on its way through the gateway, and the record it leaves. */
record GatewayCall(
        CallContext context,
        String provider,
        String model,
        ProviderApi api,
        boolean stream,
        int requestBytes,
        Instant startedAt,
        long startNanos) {

    GatewayCall(CallContext context, String provider, String model, ProviderApi api, boolean stream, int requestBytes) {
        this(context, provider, model, api, stream, requestBytes, Instant.now(), System.nanoTime());
    }

    /**
     * What a call whose answer ended before the provider reported its usage (the sandbox went away,
     * the stream broke) is counted as: the usage seen so far where there is some, else about four
     * bytes a token of the request and of the answer relayed — more than it was, never less, so
     * hanging up early spends no more than the limits allow.
     */
    TokenCounts estimated(TokenCounts seen, long answerBytes) {
        return new TokenCounts(
                seen.input() > 0 || seen.cacheRead() > 0 ? seen.input() : requestBytes / 4 + 1,
                Math.max(seen.output(), answerBytes / 4 + 1),
                seen.cacheRead(),
                seen.cacheWrite(),
                seen.reasoning());
    }

    ModelCall refused(String reason) {
        return ended(TokenCounts.NONE, 403, Outcome.REFUSED, reason, 0);
    }

    /**
     * @param firstByteNanos when the first byte of the answer came ({@link System#nanoTime()}), 0 if none
     */
    ModelCall ended(TokenCounts tokens, Integer status, Outcome outcome, String error, long firstByteNanos) {
        return new ModelCall(
                context.sessionId(),
                context.promptId(),
                context.userId(),
                context.sandboxId(),
                context.repository(),
                provider,
                model,
                api.id(),
                tokens,
                status,
                outcome,
                error,
                startedAt,
                firstByteNanos == 0 ? null : Duration.ofNanos(firstByteNanos - startNanos),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
