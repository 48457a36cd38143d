package io.codinspect.controlplane.gateway;

import io.codinspect.controlplane.usage.ModelCall;
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
        Instant startedAt,
        long startNanos) {

    GatewayCall(CallContext context, String provider, String model, ProviderApi api, boolean stream) {
        this(context, provider, model, api, stream, Instant.now(), System.nanoTime());
    }

    ModelCall refused(String reason) {
        return ended(TokenCounts.NONE, 403, "refused", reason, 0);
    }

    /**
     * @param firstByteNanos when the first byte of the answer came ({@link System#nanoTime()}), 0 if none
     */
    ModelCall ended(TokenCounts tokens, Integer status, String outcome, String error, long firstByteNanos) {
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
