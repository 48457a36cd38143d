package io.codinspect.controlplane.usage;

/**
 * Tokens of one model call as its provider reported them, in one vocabulary for every API.
 *
 * @param input input tokens not read from the provider's cache
 * @param output output tokens, reasoning included
 * @param cacheRead input tokens read from the provider's prompt cache
 * @param cacheWrite input tokens written to the provider's prompt cache
 * @param reasoning the part of {@code output} the model spent reasoning
 */
public record TokenCounts(long input, long output, long cacheRead, long cacheWrite, long reasoning) {

    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0, 0);

    /** These counts where {@code other} reported a kind, keeping the rest (streams report in parts). */
    public TokenCounts merge(TokenCounts other) {
        return new TokenCounts(
                other.input > 0 ? other.input : input,
                other.output > 0 ? other.output : output,
                other.cacheRead > 0 ? other.cacheRead : cacheRead,
                other.cacheWrite > 0 ? other.cacheWrite : cacheWrite,
                other.reasoning > 0 ? other.reasoning : reasoning);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
