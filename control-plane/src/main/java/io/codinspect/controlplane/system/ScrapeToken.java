package io.codinspect.controlplane.system;

import java.util.Optional;

/**
 * The token Prometheus scrapes metrics with. Only its hash is kept, and a presented token is
 * compared with it in constant time.
 */
final class ScrapeToken {

    static final int MIN_LENGTH = 24;
    private static final String SETTING = "codinspect.management.scrape-token";

    private final Optional<byte[]> hash;

    private ScrapeToken(Optional<byte[]> hash) {
        this.hash = hash;
    }

    /** The configured token, or none when {@code token} is unset or blank; a short one is refused. */
    static ScrapeToken of(String token) {
        if (token == null || token.isBlank()) {
            return new ScrapeToken(Optional.empty());
        }
        if (token.strip().length() < MIN_LENGTH) {
            throw new IllegalStateException(
                    SETTING + " must be at least " + MIN_LENGTH + " characters long (a random one, e.g. "
                            + "'cim_' followed by the output of 'openssl rand -hex 24')");
        }
        return new ScrapeToken(Optional.of(Secrets.hash(token.strip())));
    }

    boolean configured() {
        return hash.isPresent();
    }

    boolean matches(String presented) {
        return hash.isPresent() && presented != null && Secrets.same(hash.get(), Secrets.hash(presented));
    }

    @Override
    public String toString() {
        return "ScrapeToken[" + (configured() ? "configured" : "unset") + "]";
    }
}
