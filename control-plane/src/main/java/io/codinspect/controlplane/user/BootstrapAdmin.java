package io.codinspect.controlplane.user;

import io.codinspect.controlplane.system.Secrets;
import java.io.PrintStream;
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
    private final BootstrapProperties properties;
    private final PrintStream console;

    BootstrapAdmin(UserManagement users, BootstrapProperties properties) {
        this.users = users;
        this.properties = properties;
        this.console = System.out;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!users.noUsers()) {
            return;
        }
        var configured = properties.token() != null && !properties.token().isBlank();
        if (configured && !properties.token().startsWith(UserManagement.TOKEN_PREFIX)) {
            throw new IllegalStateException("codinspect.bootstrap.token must start with '" + UserManagement.TOKEN_PREFIX
                    + "' (generate one with: echo cit_$(openssl rand -hex 32))");
        }
        var admin = users.create(properties.name(), properties.email(), properties.login(), Role.admin);
        var token = configured ? properties.token() : Secrets.generate(UserManagement.TOKEN_PREFIX);
        users.mintToken(admin.id(), "bootstrap", token);
        log.info("Created bootstrap admin user={}", admin.id());
        if (!configured) {
            console.printf("%n  Bootstrap admin API token (shown once, store it now):%n    %s%n%n", token);
            console.flush();
        }
    }
}
