package io.codinspect.controlplane.user;

import io.codinspect.controlplane.system.Secrets;
import java.io.PrintStream;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first admin on the first start. A generated token is printed to standard output once
 * (never to the log) so the person who started CodInspect can sign in.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserManagement users;
    private final ApiTokens tokens;
    private final BootstrapProperties properties;
    private final Clock clock;
    private final PrintStream console;

    BootstrapAdmin(UserManagement users, ApiTokens tokens, BootstrapProperties properties, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
        this.console = System.out;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!users.noUsers()) {
            return;
        }
        var configured = properties.token() != null && !properties.token().isBlank();
        if (configured && !properties.token().startsWith(ApiTokens.PREFIX)) {
            throw new IllegalStateException("codinspect.bootstrap.token must start with '" + ApiTokens.PREFIX
                    + "' (generate one with: echo cit_$(openssl rand -hex 32))");
        }
        var admin = users.create(properties.name(), properties.email(), properties.login(), Role.admin);
        var token = configured ? properties.token() : Secrets.generate(ApiTokens.PREFIX);
        var ttl = properties.tokenTtl();
        tokens.mint(
                admin.id(),
                "bootstrap",
                token,
                ttl == null ? null : clock.instant().plus(ttl));
        log.info("Created bootstrap admin user={}", admin.id());
        if (!configured) {
            console.printf("%n  Bootstrap admin API token (shown once, store it now):%n    %s%n%n", token);
            console.flush();
        }
    }
}
