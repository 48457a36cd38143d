package io.codinspect.controlplane.sandbox.local;

import io.codinspect.controlplane.sandbox.SandboxExited;
import io.codinspect.controlplane.sandbox.SandboxProperties;
import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.controlplane.sandbox.SandboxSpawnException;
import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.codinspect.controlplane.system.EmbeddedPostgresProperties;
import io.codinspect.model.event.EventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * (the sandbox token, the agent configuration, the egress proxy's URL with the agent token) go to
 * its standard input, not its environment. The supervisor runs the agent, the hooks and git in
 * bubblewrap namespaces ({@link LocalIsolation}) with that proxy as their {@code HTTPS_PROXY}.
 * A supervisor that exits without being asked to is reported at once ({@link SandboxExited}).
 * Supervisors still running from a control plane that was killed are adopted at start-up, so
 * their sessions go on.
 */
@Component
class LocalProcessSandboxProvider implements SandboxProvider {

    private static final Logger log = LoggerFactory.getLogger(LocalProcessSandboxProvider.class);
    private static final List<String> PASSED_ON = List.of("PATH", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME");
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /** Beyond the supervisor's own grace before it is killed: its JVM's start and exit. */
    private static final Duration KILL_MARGIN = Duration.ofSeconds(5);

    /** A supervisor this control plane runs: its own child, or one adopted after a restart. */
    private record Running(ProcessHandle handle, Process child) {
        String exitCode() {
            return child == null ? "unknown (adopted)" : Integer.toString(child.exitValue());
        }
    }

    private final LocalSandboxProperties properties;
    private final SandboxProperties sandboxes;
    private final Path workspaces;
    private final LocalIsolation isolation;
    private final ApplicationEventPublisher publisher;
    private final Map<UUID, Running> processes = new ConcurrentHashMap<>();
    private final Set<UUID> stopping = ConcurrentHashMap.newKeySet();

    LocalProcessSandboxProvider(
            LocalSandboxProperties properties,
            SandboxProperties sandboxes,
            EmbeddedPostgresProperties data,
            ApplicationEventPublisher publisher) {
        this.properties = properties;
        this.sandboxes = sandboxes;
        this.workspaces = properties.workspaces() != null
                ? properties.workspaces()
                : data.dataDir().resolve("sandboxes");
        this.isolation = new LocalIsolation(properties, data.dataDir(), workspaces);
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void check() {
        isolation.check();
        adoptLeftovers();
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
        if (!isolation.isolated()) {
            log.warn(
                    "Sandbox={} session={} runs WITHOUT isolation ({})",
                    spec.sandboxId(),
                    spec.sessionId(),
                    LocalIsolation.UNSAFE);
        }
        var command = new java.util.ArrayList<String>();
        if (Files.isExecutable(SETSID)) {
            command.add(
                    SETSID.toString()); // its own session: a terminal's Ctrl-C reaches the control plane, which stops
            // it in order
        }
        command.addAll(List.of(
                LocalInstallation.java(properties).toString(),
                "-Xmx" + properties.maxHeap(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString()));
        var builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("supervisor.log").toFile());
        var env = builder.environment();
        var inherited = Map.copyOf(env);
        env.clear();
        PASSED_ON.stream().filter(inherited::containsKey).forEach(key -> env.put(key, inherited.get(key)));
        env.put("HOME", dir.toString()); // the supervisor's own; the agent's home is home/, set by the supervisor
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
        env.put("CODINSPECT_HEARTBEAT_SECONDS", seconds(properties.heartbeatInterval()));
        env.put("CODINSPECT_STOP_GRACE_SECONDS", seconds(sandboxes.stopGrace()));
        env.put("CODINSPECT_CHECKPOINT_SECONDS", seconds(properties.checkpointInterval()));
        env.putAll(isolation.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxSpawnException("Cannot start the sandbox supervisor: " + e.getMessage());
        }
        try (var stdin = process.getOutputStream()) {
            var secrets = Map.of(
                    "sandboxToken", spec.bridgeToken(),
                    "opencodeConfig", spec.agentConfig(),
                    "checkpointKey", spec.checkpointKey(),
                    "egressProxy", spec.egressProxy());
            stdin.write((EventCodec.mapper().writeValueAsString(secrets) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            process.destroyForcibly();
            throw new SandboxSpawnException("Cannot hand the sandbox its secrets: " + e.getMessage());
        }
        watch(spec.sandboxId(), new Running(process.toHandle(), process));
        log.info(
                "Started sandbox={} session={} as pid {} in {}",
                spec.sandboxId(),
                spec.sessionId(),
                process.pid(),
                dir);
    }

    @Override
    public void stop(UUID sandboxId) {
        var running = processes.get(sandboxId);
        if (running == null) {
            return;
        }
        stopping.add(sandboxId);
        var tree = running.handle().descendants().toList(); // before they are orphaned
        running.handle().destroy(); // SIGTERM: the supervisor commits and pushes the running turn's work
        try {
            running.handle()
                    .onExit()
                    .get(sandboxes.stopGrace().plus(KILL_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("Sandbox={} did not stop within {}; killing it", sandboxId, sandboxes.stopGrace());
        } catch (java.util.concurrent.ExecutionException e) {
            log.debug("Waiting for sandbox={} failed", sandboxId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        running.handle().destroyForcibly();
    }

    @Override
    public boolean sandboxesEndWithTheControlPlane() {
        return true;
    }

    /** Every supervisor is asked to stop at once, and given the grace period together. */
    @Override
    public Set<UUID> stopAllForShutdown(Duration grace) {
        var ids = new HashSet<>(processes.keySet());
        if (ids.isEmpty()) {
            return ids;
        }
        log.info("Stopping {} local sandboxes; they have {} to save their work", ids.size(), grace);
        var threads = ids.stream()
                .map(id -> Thread.ofVirtual().name("stop-" + id).start(() -> stop(id)))
                .toList();
        for (var thread : threads) {
            try {
                thread.join(grace.plusSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ids;
    }

    @Override
    public ProviderStatus status(UUID sandboxId) {
        var running = processes.get(sandboxId);
        if (running == null) {
            return ProviderStatus.unknown;
        }
        return running.handle().isAlive() ? ProviderStatus.running : ProviderStatus.stopped;
    }

    private void watch(UUID sandboxId, Running running) {
        processes.put(sandboxId, running);
        running.handle().onExit().thenAccept(p -> exited(sandboxId, running));
    }

    private void exited(UUID sandboxId, Running running) {
        processes.remove(sandboxId);
        var asked = stopping.remove(sandboxId);
        var dir = workspaces.resolve(sandboxId.toString());
        Leftovers.kill(dir);
        if (!properties.keepWorkspaces()) {
            delete(dir);
        }
        if (!asked) {
            log.warn("Sandbox={} exited with code {} without being asked to", sandboxId, running.exitCode());
            publisher.publishEvent(
                    new SandboxExited(sandboxId, "its supervisor process exited with code " + running.exitCode()));
        }
    }

    /**
     * Supervisors left running by a control plane that was killed (they outlive it) are taken over,
     * so that their sandboxes reconnect and go on; folders of sandboxes that are gone are deleted.
     */
    private void adoptLeftovers() {
        if (!Files.isDirectory(workspaces)) {
            return;
        }
        try (var dirs = Files.list(workspaces)) {
            for (var dir : dirs.toList()) {
                UUID id;
                try {
                    id = UUID.fromString(dir.getFileName().toString());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                var supervisor = Leftovers.supervisorIn(dir);
                if (supervisor.isPresent()) {
                    log.info(
                            "Adopting sandbox={} (pid {}) left running by the last control plane",
                            id,
                            supervisor.get().pid());
                    watch(id, new Running(supervisor.get(), null));
                } else if (!properties.keepWorkspaces()) {
                    Leftovers.kill(dir);
                    delete(dir);
                }
            }
        } catch (IOException e) {
            log.warn("Could not look for leftover sandboxes in {}: {}", workspaces, e.toString());
        }
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds()));
    }

    private static void delete(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("Could not delete the sandbox folder {}: {}", dir, e.toString());
        }
    }
}
