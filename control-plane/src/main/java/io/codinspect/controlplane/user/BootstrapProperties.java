package io.codinspect.controlplane.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin, created on the first start against an empty database.
 *
 * @param token the admin's API token (env {@code CODINSPECT_BOOTSTRAP_TOKEN}); when empty, one is
 *     generated and printed once on standard output. Must start with {@code cit_}.
 * @param tokenTtl how long that token works from the first start; unset, it never expires
 * @param name the admin's display name
 * @param email the admin's email, used for commit attribution
 * @param login the admin's login
 */
@ConfigurationProperties("codinspect.bootstrap")
public record BootstrapProperties(
        String token,
        Duration tokenTtl,
        @DefaultValue("Admin") String name,
        String email,
        @DefaultValue("admin") String login) {}
