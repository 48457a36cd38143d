package io.codinspect.controlplane.usage;

import java.math.BigDecimal;

/**
 * Model calls added up.
 *
 * @param costUsd what the calls with a known price cost; null when none had one
 * @param unpricedCalls calls whose model has no price: their cost is unknown, not zero
 */
public record Usage(
        long calls,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        long reasoningTokens,
        BigDecimal costUsd,
        long unpricedCalls) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, null, 0);

    /** The known cost, zero when there is none: for comparing against limits only. */
    public BigDecimal knownCost() {
        return costUsd == null ? BigDecimal.ZERO : costUsd;
    }
}
