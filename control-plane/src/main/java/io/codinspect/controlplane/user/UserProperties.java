package io.codinspect.controlplane.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Users and their API tokens.
 *
 * @param browserTokenTtl lifetime of the API token a browser gets by signing in with GitHub
 * @param maxTokenLifetime the furthest expiry a new API token may be given; a token created
 *     without an expiry never expires
 */
@ConfigurationProperties("codinspect.users")
public record UserProperties(
        @DefaultValue("30d") Duration browserTokenTtl,
        @DefaultValue("366d") Duration maxTokenLifetime) {}
