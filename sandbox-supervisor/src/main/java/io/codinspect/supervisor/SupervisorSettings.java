package io.codinspect.supervisor;

import io.codinspect.model.event.EventCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Everything the supervisor is told at spawn, read from its environment. The provider that starts
 * the sandbox sets these; none of them is passed on to the agent or the repository's hooks as
 * such (only the egress proxy reaches them, as {@code HTTPS_PROXY} and its kin).
 *
 * @param workspace the sandbox's own folder: the clone goes to {@code repo/}, the agent's home
 *     and state to {@code home/}
 * @param logDir the supervisor's own log folder ({@code CODINSPECT_LOG_DIR}), for OpenCode's output
 *     ({@code opencode.log}): by default the sandbox's folder, beside (not inside) the agent's; in a
 *     Kubernetes pod a volume only the supervisor's container mounts
 * @param opencodeConfig OpenCode's configuration (providers, models, keys) as JSON
 * @param heartbeatInterval how often the bridge says it is alive
 * @param outboxLimit most unacknowledged events kept; when full, reading the agent's events
 *     pauses until the control plane acknowledges some
 * @param agentTools CodInspect's own agent tools to install ({@code CODINSPECT_AGENT_TOOLS},
 *     comma-separated, e.g. {@code create-pull-request})
 * @param isolation how the agent's side is kept apart ({@code CODINSPECT_ISOLATION}): {@code
 *     bubblewrap}, {@code runner} (a Kubernetes pod's agent container) or {@code none}
 * @param hidden folders the agent must not see ({@code CODINSPECT_ISOLATION_HIDE}, separated by
 *     {@code :}): the operator's home, CodInspect's data directory
 * @param agentUid the unprivileged user the agent runs as when the supervisor is root
 *     ({@code CODINSPECT_ISOLATION_UID}), or null
 * @param agentGid its group ({@code CODINSPECT_ISOLATION_GID})
 * @param runnerUrl the agent container's runner ({@code CODINSPECT_RUNNER_URL}), for {@code runner}
 * @param stopGrace how long the supervisor has after SIGTERM before it is killed
 *     ({@code CODINSPECT_STOP_GRACE_SECONDS}); the running turn's work is committed and pushed within it
 * @param checkpointInterval how often a running turn's working tree is checkpointed when it changed
 *     ({@code CODINSPECT_CHECKPOINT_SECONDS})
 * @param checkpointKey the session's key for signing checkpoints, base64 ({@code CODINSPECT_CHECKPOINT_KEY}
 *     or {@code checkpointKey} on standard input), or empty: then no checkpoint is signed nor restored
 * @param egressProxy the control plane's egress proxy with the agent token as its password,
 *     {@code http://sandbox:<token>@host:port} ({@code CODINSPECT_EGRESS_PROXY} or {@code
 *     egressProxy} on standard input), or empty for none: everything run in the agent's boundary
 *     gets it as {@code HTTPS_PROXY} ({@link EgressEnvironment})
 */
public record SupervisorSettings(
        String sandboxId,
        String sessionId,
        String bridgeUrl,
        String sandboxToken,
        String repository,
        String baseBranch,
        String branch,
        Path workspace,
        Path logDir,
        Path opencodeBinary,
        String opencodeConfig,
        BootMode bootMode,
        Duration setupTimeout,
        Duration startTimeout,
        Duration heartbeatInterval,
        int outboxLimit,
        Set<String> agentTools,
        String isolation,
        java.util.List<Path> hidden,
        Integer agentUid,
        Integer agentGid,
        String runnerUrl,
        Duration stopGrace,
        Duration checkpointInterval,
        String checkpointKey,
        String egressProxy) {

    /** The environment variables the supervisor reads; they are removed from every child's environment. */
    public static final String PREFIX = "CODINSPECT_";

    /**
     * Reads the settings. The secrets (the sandbox token, the agent configuration, the checkpoint
     * key and the egress proxy's URL with the agent token) come from {@code CODINSPECT_SANDBOX_TOKEN},
     * {@code CODINSPECT_OPENCODE_CONFIG}, {@code CODINSPECT_CHECKPOINT_KEY} and {@code
     * CODINSPECT_EGRESS_PROXY}, or, when {@code CODINSPECT_SECRETS_FROM=stdin}, from one JSON line
     * {@code {"sandboxToken", "opencodeConfig", "checkpointKey", "egressProxy"}} on standard input, so
     * that they are not in the process environment, which other processes of the same user can read.
     */
    public static SupervisorSettings fromEnvironment(Map<String, String> env, Supplier<String> stdin) {
        var token = optional(env, "CODINSPECT_SANDBOX_TOKEN");
        var config = optional(env, "CODINSPECT_OPENCODE_CONFIG");
        var checkpointKey = optional(env, "CODINSPECT_CHECKPOINT_KEY");
        var egressProxy = optional(env, "CODINSPECT_EGRESS_PROXY");
        if ("stdin".equals(env.get("CODINSPECT_SECRETS_FROM"))) {
            var secrets = parseSecrets(stdin.get());
            token = Optional.ofNullable(secrets.path("sandboxToken").asString(null));
            config = Optional.ofNullable(secrets.path("opencodeConfig").asString(null));
            checkpointKey = Optional.ofNullable(secrets.path("checkpointKey").asString(null));
            egressProxy = Optional.ofNullable(secrets.path("egressProxy").asString(null));
        }
        return new SupervisorSettings(
                required(env, "CODINSPECT_SANDBOX_ID"),
                required(env, "CODINSPECT_SESSION_ID"),
                required(env, "CODINSPECT_BRIDGE_URL"),
                token.orElseThrow(() -> new IllegalArgumentException("CODINSPECT_SANDBOX_TOKEN is not set")),
                required(env, "CODINSPECT_REPOSITORY"),
                optional(env, "CODINSPECT_BASE_BRANCH").orElse("main"),
                required(env, "CODINSPECT_BRANCH"),
                Path.of(required(env, "CODINSPECT_WORKSPACE")).toAbsolutePath(),
                Path.of(optional(env, "CODINSPECT_LOG_DIR").orElse(required(env, "CODINSPECT_WORKSPACE")))
                        .toAbsolutePath(),
                Path.of(required(env, "CODINSPECT_OPENCODE_BIN")).toAbsolutePath(),
                config.orElse("{}"),
                BootMode.parse(optional(env, "CODINSPECT_BOOT_MODE").orElse("fresh")),
                Duration.ofSeconds(seconds(env, "SETUP_TIMEOUT_SECONDS", 300)),
                Duration.ofSeconds(seconds(env, "START_TIMEOUT_SECONDS", 120)),
                Duration.ofSeconds(seconds(env, "CODINSPECT_HEARTBEAT_SECONDS", 15)),
                (int) seconds(env, "CODINSPECT_OUTBOX_LIMIT", 10_000),
                optional(env, "CODINSPECT_AGENT_TOOLS")
                        .map(tools -> Set.of(tools.split("\\s*,\\s*")))
                        .orElse(Set.of()),
                isolation(optional(env, "CODINSPECT_ISOLATION").orElse("none")),
                optional(env, "CODINSPECT_ISOLATION_HIDE").stream()
                        .flatMap(paths -> java.util.Arrays.stream(paths.split(":")))
                        .filter(path -> !path.isBlank())
                        .map(Path::of)
                        .toList(),
                optional(env, "CODINSPECT_ISOLATION_UID")
                        .map(v -> (int) seconds(env, "CODINSPECT_ISOLATION_UID", 0))
                        .orElse(null),
                optional(env, "CODINSPECT_ISOLATION_GID")
                        .map(v -> (int) seconds(env, "CODINSPECT_ISOLATION_GID", 0))
                        .orElse(null),
                optional(env, "CODINSPECT_RUNNER_URL").orElse(null),
                Duration.ofSeconds(seconds(env, "CODINSPECT_STOP_GRACE_SECONDS", 30)),
                Duration.ofSeconds(seconds(env, "CODINSPECT_CHECKPOINT_SECONDS", 30)),
                checkpointKey(checkpointKey.orElse("")),
                EgressEnvironment.checkedProxy(egressProxy.orElse("")));
    }

    private static String checkpointKey(String value) {
        try {
            java.util.Base64.getDecoder().decode(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CODINSPECT_CHECKPOINT_KEY is not base64");
        }
    }

    private static String isolation(String value) {
        if (!Set.of("none", "bubblewrap", "runner").contains(value)) {
            throw new IllegalArgumentException(
                    "CODINSPECT_ISOLATION must be bubblewrap, runner or none, not '" + value + "'");
        }
        return value;
    }

    public Path repoDir() {
        return workspace.resolve("repo");
    }

    public Path homeDir() {
        return workspace.resolve("home");
    }

    /**
     * Where OpenCode's configuration (it holds the provider keys) is written: in a pod, in the
     * agent's home on the shared volume (the agent container runs it); on this machine, in the
     * supervisor's own folder, out of the agent's reach, and bound read-only into bubblewrap, so
     * that nothing the agent plants in its home can redirect the supervisor's write.
     */
    public Path agentConfigFile() {
        return "runner".equals(isolation)
                ? homeDir().resolve(".config/codinspect/opencode.json")
                : logDir().resolve("opencode-config.json");
    }

    private static JsonNode parseSecrets(String line) {
        try {
            return EventCodec.mapper().readTree(line == null ? "" : line);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the secrets on standard input are not a JSON object");
        }
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new IllegalArgumentException(name + " is not set"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    private static long seconds(Map<String, String> env, String name, long defaultValue) {
        var value = optional(env, name);
        try {
            return value.map(Long::parseLong).orElse(defaultValue);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value.get() + "'");
        }
    }

    @Override
    public String toString() {
        return "SupervisorSettings[sandbox=%s, session=%s, repository=%s, branch=%s, bootMode=%s, isolation=%s]"
                .formatted(sandboxId, sessionId, repository, branch, bootMode, isolation);
    }
}
