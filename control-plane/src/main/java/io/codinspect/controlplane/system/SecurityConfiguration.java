package io.codinspect.controlplane.system;

import java.util.Optional;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import tools.jackson.databind.ObjectMapper;

/**
 * Two chains, both stateless and answering failures with problem details.
 *
 * <p>Actuator: the health probes are public (kubelets and the launcher call them); every other
 * endpoint needs an admin's API token, and {@code /actuator/prometheus} also takes the scrape token
 * ({@code codinspect.management.scrape-token}).
 *
 * <p>API: every {@code /api/**} call needs a bearer token, except the two WebSocket endpoints,
 * which authenticate inside the socket (watchers with a ws-token in their hello) or at the
 * handshake (sandboxes with their own token), and the sign-in options the web UI's sign-in page
 * reads. Everything else (the web UI, docs) is public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String SCRAPER = "ROLE_METRICS_SCRAPER";

    @Bean
    ScrapeToken scrapeToken(ManagementProperties properties) {
        return ScrapeToken.of(properties.scrapeToken());
    }

    @Bean
    @Order(2)
    SecurityFilterChain management(
            HttpSecurity http,
            BearerTokenAuthenticator users,
            ScrapeToken scrapeToken,
            PathMappedEndpoints endpoints,
            ObjectMapper mapper)
            throws Exception {
        var problems = new ProblemWriter(mapper);
        var required = "An admin's API token or the scrape token is required: send 'Authorization: Bearer <token>'.";
        AuthenticationEntryPoint unauthorized =
                (request, response, e) -> problems.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", required);
        AccessDeniedHandler forbidden = (request, response, e) -> problems.write(
                response,
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "Only admins may read this endpoint; the scrape token reads only the Prometheus metrics.");
        BearerTokenFilter.Tokens scraper = (token, request) -> scrapeToken.matches(token)
                ? Optional.of(new BearerTokenFilter.Verdict.In(UsernamePasswordAuthenticationToken.authenticated(
                        "metrics-scraper", null, AuthorityUtils.createAuthorityList(SCRAPER))))
                : Optional.empty();
        var health = endpoints.getPath(EndpointId.of("health"));
        stateless(http, unauthorized, forbidden)
                .securityMatcher(EndpointRequest.toAnyEndpoint())
                .addFilterBefore(
                        new BearerTokenFilter(
                                AnyRequestMatcher.INSTANCE,
                                scraper.orElse(BearerTokenFilter.apiTokens(users))
                                        .refusedAs("Unauthorized", required),
                                problems),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers(health, health + "/liveness", health + "/readiness")
                        .permitAll()
                        .requestMatchers(EndpointRequest.to("prometheus"))
                        .hasAnyAuthority("ROLE_ADMIN", SCRAPER)
                        .anyRequest()
                        .hasAuthority("ROLE_ADMIN"));
        return http.build();
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http, BearerTokenAuthenticator users, BotTokenAuthenticator bots, ObjectMapper mapper)
            throws Exception {
        var problems = new ProblemWriter(mapper);
        AuthenticationEntryPoint unauthorized = (request, response, e) -> problems.write(
                response,
                HttpStatus.UNAUTHORIZED,
                "Unauthorized",
                "A valid API token is required: send 'Authorization: Bearer <token>'.");
        AccessDeniedHandler forbidden = (request, response, e) ->
                problems.write(response, HttpStatus.FORBIDDEN, "Forbidden", forbiddenDetail(request.getRequestURI()));
        // only the REST API takes API tokens; the sandbox bridge checks its own tokens at the handshake
        var restApi = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        stateless(http, unauthorized, forbidden)
                .addFilterBefore(
                        new BearerTokenFilter(
                                restApi, BotTokens.of(bots).orElse(BearerTokenFilter.apiTokens(users)), problems),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers("/api/sessions/*/ws", "/bridge/**", "/api/sign-in-options")
                                .permitAll()
                                .requestMatchers("/api/bot/**")
                                .hasAuthority(BotTokens.BOT)
                                .requestMatchers("/api/**")
                                .hasAuthority("ROLE_USER")
                                .anyRequest()
                                .permitAll());
        return http.build();
    }

    private static String forbiddenDetail(String path) {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof BotCaller) {
            return "A service account acts only for people: send " + BotTokens.ON_BEHALF_OF + ": <user id>.";
        }
        if (path.startsWith("/api/bot/")) {
            return "Only a bot's service account, calling for itself, may do this.";
        }
        return "You may not do this.";
    }

    /** No cookies, sessions or login pages: bearer tokens only, failures as problem details. */
    private static HttpSecurity stateless(
            HttpSecurity http, AuthenticationEntryPoint unauthorized, AccessDeniedHandler forbidden) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .headers(WebSecurityHeaders.policy())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(
                        ex -> ex.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
    }
}
