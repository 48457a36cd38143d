package io.codinspect.controlplane.system;

/** Port: turns an API bearer token into the user it belongs to. The user feature implements it. */
public interface BearerTokenAuthenticator {

    Outcome authenticate(String token);

    /** Whether a token lets its holder in. */
    sealed interface Outcome {}

    /** The token is good: the caller is {@code user}. */
    record Accepted(CurrentUser user) implements Outcome {}

    /**
     * The token does not let its holder in. {@code title} and {@code detail} become the 401
     * problem; they must say nothing about tokens other than the one presented.
     */
    record Refused(String title, String detail) implements Outcome {}
}
