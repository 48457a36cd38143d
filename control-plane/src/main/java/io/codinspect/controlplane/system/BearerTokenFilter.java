package io.codinspect.controlplane.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}; a token that is present but unknown,
 * revoked, expired or of a disabled user is a 401 saying so.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final BearerTokenAuthenticator authenticator;
    private final ProblemWriter problems;

    BearerTokenFilter(BearerTokenAuthenticator authenticator, ProblemWriter problems) {
        this.authenticator = authenticator;
        this.problems = problems;
    }

    /** Only the REST API takes API tokens; the sandbox bridge checks its own tokens at the handshake. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        switch (authenticator.authenticate(header.substring(PREFIX.length()).trim())) {
            case BearerTokenAuthenticator.Refused refused -> {
                SecurityContextHolder.clearContext();
                problems.write(response, HttpStatus.UNAUTHORIZED, refused.title(), refused.detail());
            }
            case BearerTokenAuthenticator.Accepted accepted -> {
                SecurityContextHolder.setContext(contextOf(accepted.user()));
                chain.doFilter(request, response);
            }
        }
    }

    private static SecurityContext contextOf(CurrentUser user) {
        var authorities = user.admin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
        return context;
    }
}
