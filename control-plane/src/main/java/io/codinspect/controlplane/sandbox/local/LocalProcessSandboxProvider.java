package io.codinspect.controlplane.sandbox.local;

import io.codinspect.controlplane.sandbox.SandboxExited;
import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.controlplane.sandbox.SandboxSpawnException;
import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.codinspect.controlplane.system.EmbeddedPostgresProperties;
import io.codinspect.model.event.EventCodec;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Runs each sandbox as a supervisor child process on this machine, with its own folder under the
 * data directory (clone, agent home, logs in {@code supervisor.log}). The child gets a small,
 * explicit environment with none of the control plane's own settings or secrets; its own secrets
 * (the sandbox token, the agent configuration) go to its standard input, not its environment. A supervisor that
 * exits without being asked to is reported at once ({@link SandboxExited}).
 */
@Component
class LocalProcessSandboxProvider implements SandboxProvider {

    private static final Logger log = LoggerFactory.getLogger(LocalProcessSandboxProvider.class);
    private static final List<String> PASSED_ON = List.of("PATH", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME");

    private final LocalSandboxProperties properties;
    private final Path workspaces;
    private final ApplicationEventPublisher publisher;
    private final Map<UUID, Process> processes = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> stopping = new ConcurrentHashMap<>();

    LocalProcessSandboxProvider(
            LocalSandboxProperties properties, EmbeddedPostgresProperties data, ApplicationEventPublisher publisher) {
        this.properties = properties;
        this.workspaces = properties.workspaces() != null
                ? properties.workspaces()
                : data.dataDir().resolve("sandboxes");
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public synchronized void spawn(SandboxSpec spec) {
        if (processes.containsKey(spec.sandboxId())) {
            return;
        }
        var jar = LocalInstallation.supervisorJar(properties);
        var opencode = LocalInstallation.opencodeBinary(properties);
        var dir = workspaces.resolve(spec.sandboxId().toString());
        var home = dir.resolve("home");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new SandboxSpawnException("Cannot create the sandbox folder " + dir + ": " + e.getMessage());
        }
        var builder = new ProcessBuilder(
                        LocalInstallation.java(properties).toString(),
                        "-Xmx" + properties.maxHeap(),
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("supervisor.log").toFile());
        var env = builder.environment();
        var inherited = Map.copyOf(env);
        env.clear();
        PASSED_ON.stream().filter(inherited::containsKey).forEach(key -> env.put(key, inherited.get(key)));
        env.put("HOME", home.toString());
        env.put("CODINSPECT_SANDBOX_ID", spec.sandboxId().toString());
        env.put("CODINSPECT_SESSION_ID", spec.sessionId().toString());
        env.put("CODINSPECT_BRIDGE_URL", spec.bridgeUrl());
        env.put("CODINSPECT_REPOSITORY", spec.repository());
        env.put("CODINSPECT_BASE_BRANCH", spec.baseBranch());
        env.put("CODINSPECT_BRANCH", spec.branch());
        env.put("CODINSPECT_WORKSPACE", dir.toString());
        env.put("CODINSPECT_OPENCODE_BIN", opencode.toString());
        env.put("CODINSPECT_SECRETS_FROM", "stdin"); // not in the environment, which the agent could read
        env.put("CODINSPECT_BOOT_MODE", "fresh");
        env.put("CODINSPECT_AGENT_TOOLS", String.join(",", spec.agentTools()));
        env.put(
                "CODINSPECT_HEARTBEAT_SECONDS",
                Long.toString(Math.max(1, properties.heartbeatInterval().toSeconds())));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxSpawnException("Cannot start the sandbox supervisor: " + e.getMessage());
        }
        try (var stdin = process.getOutputStream()) {
            var secrets = Map.of("sandboxToken", spec.bridgeToken(), "opencodeConfig", spec.agentConfig());
            stdin.write((EventCodec.mapper().writeValueAsString(secrets) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            process.destroyForcibly();
            throw new SandboxSpawnException("Cannot hand the sandbox its secrets: " + e.getMessage());
        }
        processes.put(spec.sandboxId(), process);
        process.onExit().thenAccept(p -> exited(spec.sandboxId(), p));
        log.info(
                "Started sandbox={} session={} as pid {} in {}",
                spec.sandboxId(),
                spec.sessionId(),
                process.pid(),
                dir);
    }

    @Override
    public void stop(UUID sandboxId) {
        var process = processes.get(sandboxId);
        if (process == null) {
            return;
        }
        stopping.put(sandboxId, true);
        var tree = process.descendants().toList(); // before they are orphaned
        process.destroy();
        try {
            if (!process.waitFor(properties.stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Sandbox={} did not stop within {}; killing it", sandboxId, properties.stopGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public ProviderStatus status(UUID sandboxId) {
        var process = processes.get(sandboxId);
        if (process == null) {
            return ProviderStatus.unknown;
        }
        return process.isAlive() ? ProviderStatus.running : ProviderStatus.stopped;
    }

    private void exited(UUID sandboxId, Process process) {
        processes.remove(sandboxId);
        var asked = stopping.remove(sandboxId) != null;
        var dir = workspaces.resolve(sandboxId.toString());
        Leftovers.kill(dir);
        if (!properties.keepWorkspaces()) {
            delete(dir);
        }
        if (!asked) {
            log.warn("Sandbox={} exited with code {} without being asked to", sandboxId, process.exitValue());
            publisher.publishEvent(
                    new SandboxExited(sandboxId, "its supervisor process exited with code " + process.exitValue()));
        }
    }

    private static void delete(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("Could not delete the sandbox folder {}: {}", dir, e.toString());
        }
    }

    /** Supervisors do not outlive the control plane that started them. */
    @PreDestroy
    void stopAll() {
        processes.keySet().forEach(this::stop);
    }
}
