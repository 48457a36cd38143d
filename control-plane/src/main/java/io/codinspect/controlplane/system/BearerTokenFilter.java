package io.codinspect.controlplane.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} on the requests it applies to; a token that
 * is present but unknown, revoked, expired or of a disabled user is a 401 saying so, a request
 * without one goes on anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    /** What a presented token comes to: let in as {@code authentication}, or refused with a problem's words. */
    sealed interface Verdict {
        record In(Authentication authentication) implements Verdict {}

        record Out(HttpStatus status, String title, String detail) implements Verdict {
            public Out(String title, String detail) {
                this(HttpStatus.UNAUTHORIZED, title, detail);
            }
        }
    }

    /** What a bearer token stands for, or empty when it is no token of this kind. */
    @FunctionalInterface
    interface Tokens {

        Optional<Verdict> authenticate(String token, HttpServletRequest request);

        /** These tokens, then {@code next} for a token that is none of these. */
        default Tokens orElse(Tokens next) {
            return (token, request) -> authenticate(token, request).or(() -> next.authenticate(token, request));
        }

        /** These tokens, a refusal worded as {@code title} and {@code detail} (what this endpoint takes). */
        default Tokens refusedAs(String title, String detail) {
            return (token, request) -> authenticate(token, request)
                    .map(v -> v instanceof Verdict.Out ? new Verdict.Out(title, detail) : v);
        }
    }

    /** Users' API tokens: every user has {@code ROLE_USER}, admins also {@code ROLE_ADMIN}. */
    static Tokens apiTokens(BearerTokenAuthenticator users) {
        return (token, request) -> Optional.of(
                switch (users.authenticate(token)) {
                    case BearerTokenAuthenticator.Accepted accepted -> {
                        var user = accepted.user();
                        var authorities = user.admin()
                                ? AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN")
                                : AuthorityUtils.createAuthorityList("ROLE_USER");
                        yield new Verdict.In(
                                UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
                    }
                    case BearerTokenAuthenticator.Refused refused -> new Verdict.Out(refused.title(), refused.detail());
                });
    }

    private final RequestMatcher appliesTo;
    private final Tokens tokens;
    private final ProblemWriter problems;

    BearerTokenFilter(RequestMatcher appliesTo, Tokens tokens, ProblemWriter problems) {
        this.appliesTo = appliesTo;
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !appliesTo.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var token = BearerTokens.of(request.getHeader("Authorization"));
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        var verdict = tokens.authenticate(token, request).orElse(new Verdict.Out("Unauthorized", "Unknown token."));
        switch (verdict) {
            case Verdict.Out out -> {
                SecurityContextHolder.clearContext();
                problems.write(response, out.status(), out.title(), out.detail());
            }
            case Verdict.In in -> {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(in.authentication());
                SecurityContextHolder.setContext(context);
                chain.doFilter(request, response);
            }
        }
    }
}
