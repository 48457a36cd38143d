package io.codinspect.supervisor;

import io.codinspect.supervisor.boundary.Boundary;
import io.codinspect.supervisor.boundary.Bubblewrap;
import io.codinspect.supervisor.boundary.LocalBoundary;
import io.codinspect.supervisor.boundary.RunnerBoundary;
import io.codinspect.supervisor.boundary.RunnerProtocol;
import io.codinspect.supervisor.boundary.WithEnvironment;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The agent's boundary the settings ask for: bubblewrap, the runner of a Kubernetes pod's agent
 * container ({@code CODINSPECT_RUNNER_URL}, {@code http://127.0.0.1:7070} by default), or none;
 * with the egress proxy's settings ({@link EgressEnvironment}) in every program's environment.
 */
final class Boundaries {

    private Boundaries() {}

    static Boundary of(SupervisorSettings settings, Map<String, String> supervisorEnv) {
        return WithEnvironment.of(boundary(settings, supervisorEnv), EgressEnvironment.of(settings));
    }

    private static Boundary boundary(SupervisorSettings settings, Map<String, String> supervisorEnv) {
        var env = new java.util.HashMap<>(supervisorEnv);
        env.put("HOME", settings.homeDir().toString()); // the agent's home, never the supervisor's own
        return switch (settings.isolation()) {
            case "bubblewrap" ->
                LocalBoundary.bubblewrap(
                        new Bubblewrap(
                                executable("bwrap", env),
                                settings.agentUid() == null ? null : executable("setpriv", env),
                                settings.hidden(),
                                List.of(settings.repoDir(), settings.homeDir()),
                                List.of(opencodeInstall(settings.opencodeBinary()), settings.agentConfigFile()),
                                settings.agentUid(),
                                settings.agentGid()),
                        env);
            case "runner" ->
                new RunnerBoundary(URI.create(
                        settings.runnerUrl() != null
                                ? settings.runnerUrl()
                                : "http://127.0.0.1:" + RunnerProtocol.DEFAULT_PORT));
            default -> LocalBoundary.none(env);
        };
    }

    /** The folder holding the pinned OpenCode and the plugin package beside it (…/node_modules). */
    static Path opencodeInstall(Path binary) {
        var modules = binary.toAbsolutePath().getParent().getParent().getParent();
        return modules == null ? binary.toAbsolutePath().getParent() : modules;
    }

    private static Path executable(String name, Map<String, String> env) {
        for (var dir : env.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.startsWith("/")) {
                continue; // never a relative folder of PATH
            }
            var candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(name + " is not installed (CODINSPECT_ISOLATION=bubblewrap needs it)");
    }
}
