package io.codinspect.controlplane.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} on the requests it applies to; a token that
 * is present but unknown is a 401, a request without one goes on anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    /** What a bearer token stands for, or empty when it is no token of this kind. */
    @FunctionalInterface
    interface Tokens {

        Optional<Authentication> authenticate(String token);

        /** These tokens, then {@code next} for a token that is none of these. */
        default Tokens orElse(Tokens next) {
            return token -> authenticate(token).or(() -> next.authenticate(token));
        }
    }

    /** Users' API tokens: every user has {@code ROLE_USER}, admins also {@code ROLE_ADMIN}. */
    static Tokens apiTokens(BearerTokenAuthenticator users) {
        return token -> users.authenticate(token).map(user -> {
            var authorities = user.admin()
                    ? AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN")
                    : AuthorityUtils.createAuthorityList("ROLE_USER");
            return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        });
    }

    private final RequestMatcher appliesTo;
    private final Tokens tokens;
    private final AuthenticationEntryPoint entryPoint;

    BearerTokenFilter(RequestMatcher appliesTo, Tokens tokens, AuthenticationEntryPoint entryPoint) {
        this.appliesTo = appliesTo;
        this.tokens = tokens;
        this.entryPoint = entryPoint;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !appliesTo.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        var authentication =
                tokens.authenticate(header.substring(PREFIX.length()).trim());
        if (authentication.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("Unknown or revoked token"));
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication.get());
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
