package io.codinspect.supervisor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code java -jar sandbox-supervisor.jar}, configured by environment variables; with
 * the argument {@code runner}, the runner of a Kubernetes pod's agent container instead
 * ({@link io.codinspect.supervisor.runner.RunnerMain}).
 */
public final class SupervisorMain {

    static {
        // named so that it does not become the logging configuration of whoever has this jar on the classpath
        System.setProperty("logback.configurationFile", "logback-supervisor.xml");
    }

    private static final Logger log = LoggerFactory.getLogger(SupervisorMain.class);

    private SupervisorMain() {}

    private static String firstLineOfStdin() {
        try {
            return new java.io.BufferedReader(
                            new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                    .readLine();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the secrets from standard input: " + e.getMessage());
        }
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("runner")) {
            io.codinspect.supervisor.runner.RunnerMain.main(args);
            return;
        }
        int code;
        try {
            var settings = SupervisorSettings.fromEnvironment(System.getenv(), SupervisorMain::firstLineOfStdin);
            var supervisor = new Supervisor(settings, Boundaries.of(settings, System.getenv()));
            // SIGTERM (Ctrl-C of the control plane, pod deletion): save the running turn's work first
            Runtime.getRuntime().addShutdownHook(new Thread(supervisor::terminated, "sigterm"));
            code = supervisor.run();
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
