package io.codinspect.controlplane.system;

import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Service-account tokens on the REST API: with {@value #ON_BEHALF_OF} the caller is the person
 * the bot acts for ({@code ROLE_USER} only, never admin); without it the bot itself
 * ({@value #BOT}, which reaches only {@code /api/bot/**}).
 */
final class BotTokens {

    static final String BOT = "ROLE_BOT";
    static final String ON_BEHALF_OF = "X-CodInspect-On-Behalf-Of";

    private BotTokens() {}

    static BearerTokenFilter.Tokens of(BotTokenAuthenticator bots) {
        return (token, request) -> {
            if (!bots.isBotToken(token)) {
                return Optional.empty();
            }
            var header = request.getHeader(ON_BEHALF_OF);
            UUID onBehalfOf;
            try {
                onBehalfOf = header == null || header.isBlank() ? null : UUID.fromString(header.trim());
            } catch (IllegalArgumentException e) {
                return Optional.of(new BearerTokenFilter.Verdict.Out(
                        HttpStatus.BAD_REQUEST, "Invalid request", ON_BEHALF_OF + " must be a user id."));
            }
            return Optional.of(
                    switch (bots.authenticate(token, onBehalfOf)) {
                        case BotTokenAuthenticator.Bot bot ->
                            new BearerTokenFilter.Verdict.In(UsernamePasswordAuthenticationToken.authenticated(
                                    bot.caller(), null, AuthorityUtils.createAuthorityList(BOT)));
                        case BotTokenAuthenticator.ActingFor acting ->
                            new BearerTokenFilter.Verdict.In(UsernamePasswordAuthenticationToken.authenticated(
                                    acting.user(), null, AuthorityUtils.createAuthorityList("ROLE_USER")));
                        case BotTokenAuthenticator.Refused refused ->
                            new BearerTokenFilter.Verdict.Out(
                                    HttpStatus.valueOf(refused.status()), refused.title(), refused.detail());
                    });
        };
    }
}
