package io.codinspect.controlplane.system;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says where CodInspect answers once it is ready. */
@Component
class StartupBanner {

    private final Environment environment;

    StartupBanner(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        var port = environment.getProperty("local.server.port", "8080");
        System.out.printf("%n  CodInspect is up at http://localhost:%s  (API docs: /swagger-ui.html)%n%n", port);
        System.out.flush();
    }
}
