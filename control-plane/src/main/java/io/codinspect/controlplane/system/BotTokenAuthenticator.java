package io.codinspect.controlplane.system;

import java.util.UUID;

/**
 * Port: turns a bot's service-account token, and the person it says it acts for, into the caller.
 * The bot feature implements it.
 */
public interface BotTokenAuthenticator {

    /** Whether {@code token} has the form of a service-account token (it may still be unknown). */
    boolean isBotToken(String token);

    /**
     * The caller: a {@link BearerTokenAuthenticator.Accepted} user acted for (with {@link CurrentUser#via()}
     * set) when {@code onBehalfOf} is given, a {@link Bot} when it is null, or a refusal.
     */
    Outcome authenticate(String token, UUID onBehalfOf);

    sealed interface Outcome {}

    record Bot(BotCaller caller) implements Outcome {}

    record ActingFor(CurrentUser user) implements Outcome {}

    /** {@code status} is 401 for a token that does not let in, 403 for a person the bot may not act for. */
    record Refused(int status, String title, String detail) implements Outcome {}
}
