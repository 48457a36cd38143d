package io.codinspect.supervisor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: {@code java -jar sandbox-supervisor.jar}, configured by environment variables. */
public final class SupervisorMain {

    private static final Logger log = LoggerFactory.getLogger(SupervisorMain.class);

    private SupervisorMain() {}

    public static void main(String[] args) {
        int code;
        try {
            code = new Supervisor(SupervisorSettings.fromEnvironment(System.getenv())).run();
        } catch (IllegalArgumentException e) {
            log.error("Cannot start: {}", e.getMessage());
            code = 64;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 130;
        } catch (RuntimeException e) {
            log.error("The supervisor failed", e);
            code = 1;
        }
        System.exit(code);
    }
}
