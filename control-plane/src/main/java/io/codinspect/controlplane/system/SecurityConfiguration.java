package io.codinspect.controlplane.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * API security: every {@code /api/**} call needs a bearer token, except the two WebSocket
 * endpoints, which authenticate inside the socket (watchers with a ws-token in their hello) or at
 * the handshake (sandboxes with their own token), and the sign-in options the web UI's sign-in
 * page reads. Everything outside {@code /api} (the web UI, probes, docs) is public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, BearerTokenAuthenticator authenticator, ObjectMapper mapper)
            throws Exception {
        var problems = new ProblemWriter(mapper);
        AuthenticationEntryPoint unauthorized = (request, response, e) -> problems.write(
                response,
                HttpStatus.UNAUTHORIZED,
                "Unauthorized",
                "A valid API token is required: send 'Authorization: Bearer <token>'.");
        AccessDeniedHandler forbidden = (request, response, e) ->
                problems.write(response, HttpStatus.FORBIDDEN, "Forbidden", "You may not do this.");
        http.csrf(csrf -> csrf.disable())
                .headers(WebSecurityHeaders.policy())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(
                        ex -> ex.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .addFilterBefore(new BearerTokenFilter(authenticator, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers("/api/sessions/*/ws", "/bridge/**", "/api/sign-in-options")
                                .permitAll()
                                .requestMatchers("/api/**")
                                .authenticated()
                                .anyRequest()
                                .permitAll());
        return http.build();
    }
}
