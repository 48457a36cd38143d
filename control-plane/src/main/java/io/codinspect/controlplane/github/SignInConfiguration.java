package io.codinspect.controlplane.github;

import io.codinspect.controlplane.system.TokenCipher;
import io.codinspect.controlplane.system.WebSecurityHeaders;
import io.codinspect.controlplane.user.ApiTokens;
import io.codinspect.controlplane.user.UserManagement;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;

/**
 * "Sign in with GitHub", on when {@code codinspect.github.sign-in.client-id} is set: start at
 * {@code /oauth2/authorization/github}; GitHub sends the person back to
 * {@code /login/oauth2/code/github}. Its own filter chain, ahead of the API's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("codinspect.github.sign-in.client-id")
class SignInConfiguration {

    @Bean
    TokenCipher tokenCipher(SignInProperties properties) {
        return new TokenCipher(properties.encryptionKey(), "codinspect.github.sign-in.encryption-key");
    }

    @Bean
    ClientRegistrationRepository clientRegistrations(SignInProperties signIn, GitHubProperties github) {
        var web = github.webUrl();
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("github")
                .clientId(signIn.clientId())
                .clientSecret(signIn.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("read:user", "user:email", "read:org")
                .authorizationUri(web + "/login/oauth/authorize")
                .tokenUri(web + "/login/oauth/access_token")
                .userInfoUri(github.apiUrl() + "/user")
                .userNameAttributeName("login")
                .clientName("GitHub")
                .build());
    }

    @Bean
    @Order(1)
    SecurityFilterChain signIn(
            HttpSecurity http,
            ClientRegistrationRepository registrations,
            GitHubProperties github,
            SignInProperties signIn,
            GitHubIdentities identities,
            UserManagement users,
            ApiTokens tokens)
            throws Exception {
        var authorizedClients = new HttpSessionOAuth2AuthorizedClientRepository();
        var pages = new SignInPages(users, tokens, identities, authorizedClients);
        http.securityMatcher("/oauth2/**", "/login/oauth2/**")
                .headers(WebSecurityHeaders.policy())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .oauth2Login(login -> login.clientRegistrationRepository(registrations)
                        .authorizedClientRepository(authorizedClients)
                        .tokenEndpoint(token -> token.accessTokenResponseClient(tokenClient(github.callTimeout())))
                        .userInfoEndpoint(info -> info.userService(new GitHubSignIn(github, signIn, identities)))
                        .successHandler(pages::signedIn)
                        .failureHandler(pages::refused));
        return http.build();
    }

    /** The code-for-token call, with timeouts. */
    private static RestClientAuthorizationCodeTokenResponseClient tokenClient(Duration timeout) {
        var factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
        factory.setReadTimeout(timeout);
        var client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(RestClient.builder()
                .requestFactory(factory)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return client;
    }
}
