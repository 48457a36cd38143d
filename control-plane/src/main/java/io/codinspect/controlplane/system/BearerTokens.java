package io.codinspect.controlplane.system;

/** The token of an {@code Authorization: Bearer <token>} header (the scheme in any case), trimmed. */
public final class BearerTokens {

    private static final String PREFIX = "Bearer ";

    private BearerTokens() {}

    /** The token, or null when {@code header} is not a bearer header. */
    public static String of(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        return header.substring(PREFIX.length()).trim();
    }
}
