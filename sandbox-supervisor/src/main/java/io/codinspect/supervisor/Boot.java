package io.codinspect.supervisor;

import io.codinspect.model.event.SandboxStatus;
import io.codinspect.model.event.Warning;
import io.codinspect.supervisor.boundary.Boundary;
import io.codinspect.supervisor.bridge.EventSink;
import io.codinspect.supervisor.opencode.AgentTools;
import io.codinspect.supervisor.opencode.OpencodeServer;
import io.codinspect.supervisor.relay.LoopbackRelay;
import io.codinspect.supervisor.turn.Agent;
import io.codinspect.supervisor.turn.Checkpointer;
import io.codinspect.supervisor.workspace.Checkpoints;
import io.codinspect.supervisor.workspace.Hooks;
import io.codinspect.supervisor.workspace.Workspace;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the sandbox in phases, each reported with its duration as a {@code sandbox.status}
 * event: clone the base branch, check out the session branch, restore a lost sandbox's
 * checkpoint, run {@code setup.sh} and {@code start.sh}, start the agent. A phase that fails
 * throws {@link SupervisorException} with a message for people. Everything that runs in the
 * clone runs inside the agent's {@link Boundary}.
 */
final class Boot {

    /** What a finished boot hands to the prompt loop; {@code agent} is null after a {@code build} boot. */
    record Ready(
            Workspace workspace,
            Agent agent,
            LoopbackRelay relay,
            Checkpointer checkpointer,
            Checkpoints checkpoints) {}

    static final String RESTORED = "restored after the sandbox was lost";
    private static final Logger log = LoggerFactory.getLogger(Boot.class);

    private final SupervisorSettings settings;
    private final EventSink bridge;
    private final Boundary boundary;
    private final Workspace workspace;
    private final LoopbackRelay relay;
    private final Checkpoints checkpoints;

    Boot(SupervisorSettings settings, EventSink bridge, Boundary boundary) {
        this.settings = settings;
        this.bridge = bridge;
        this.boundary = boundary;
        this.relay = new LoopbackRelay(
                settings.bridgeUrl(),
                settings.sandboxToken(),
                settings.homeDir().resolve(".codinspect"),
                settings.repository(),
                java.util.List.of(
                        "refs/heads/" + settings.branch(),
                        io.codinspect.model.bridge.CheckpointRef.of(settings.sessionId())),
                settings.logDir());
        this.workspace = new Workspace(
                settings.repository(),
                relay.cloneUrl(settings.repository()),
                settings.repoDir(),
                relay.helperCommand(),
                boundary);
        this.checkpoints = new Checkpoints(
                workspace, settings.sessionId(), java.util.Base64.getDecoder().decode(settings.checkpointKey()));
    }

    Ready run() {
        var started = System.nanoTime();
        var checkpointer = new Checkpointer(checkpoints, settings.checkpointInterval());
        var agent = new Agent(
                new OpencodeServer(
                        settings.opencodeBinary(),
                        settings.repoDir(),
                        settings.homeDir(),
                        settings.opencodeConfig(),
                        boundary,
                        settings.logDir().resolve("opencode.log"),
                        settings.agentConfigFile()),
                bridge,
                "CodInspect session " + settings.sessionId(),
                checkpointer::changed);
        try {
            return boot(agent, checkpointer, started);
        } catch (PhaseFailed failed) {
            agent.close();
            checkpointer.close();
            relay.close();
            throw failed;
        }
    }

    private Ready boot(Agent agent, Checkpointer checkpointer, long started) {
        if (settings.bootMode().runsStart()) {
            workspace.createEmpty();
            if (settings.agentTools().contains("create-pull-request")) {
                AgentTools.install(settings.opencodeBinary(), settings.homeDir(), relay);
            }
            boundary.handOver(settings.homeDir());
            agent.launch(); // OpenCode starts while the clone fills its folder
        }
        phase("clone", () -> {
            workspace.cloneBaseBranch(settings.baseBranch());
            return "Cloned " + Workspace.redact(settings.repository()) + " at " + settings.baseBranch();
        });
        var resumed = new boolean[1];
        phase("branch", () -> {
            resumed[0] = workspace.checkoutSessionBranch(settings.branch());
            workspace.configureCredentials();
            return resumed[0]
                    ? "Resumed " + settings.branch() + " from the origin"
                    : "Created " + settings.branch() + " from " + settings.baseBranch();
        });
        if (settings.bootMode().runsStart()) {
            restore(resumed[0]);
        }
        var hooks = new Hooks(settings.repoDir(), settings.bootMode(), boundary);
        if (settings.bootMode().runsSetup()) {
            phase("setup", () -> setup(hooks));
        }
        if (settings.bootMode() == BootMode.build) {
            report("ready", started, "Workspace built; an image build runs no agent");
            return new Ready(workspace, null, relay, checkpointer, checkpoints);
        }
        phase("start", () -> start(hooks));
        phase("agent", () -> {
            agent.start();
            return "OpenCode is ready";
        });
        report("ready", started, "Sandbox ready");
        return new Ready(workspace, agent, relay, checkpointer, checkpoints);
    }

    /** A lost sandbox's newest checkpoint comes back onto the branch; failing to restore it is a warning. */
    private void restore(boolean branchOnOrigin) {
        var started = System.nanoTime();
        try {
            var restored = checkpoints.restoreIfAhead(settings.branch(), RESTORED, branchOnOrigin);
            if (restored != null) {
                report(
                        "restore",
                        started,
                        "Restored the work of a lost sandbox from its last checkpoint (" + restored.checkpoint()
                                + ") onto " + settings.branch() + " as " + restored.commit());
            }
        } catch (SupervisorException e) {
            log.warn("Restoring the checkpoint failed: {}", e.getMessage());
            bridge.emit(new Warning(
                    null, "The last checkpoint of a lost sandbox could not be restored: " + e.getMessage()));
        }
    }

    private String setup(Hooks hooks) {
        return switch (hooks.setup(settings.setupTimeout())) {
            case Hooks.Outcome.Skipped s -> "No setup.sh";
            case Hooks.Outcome.Succeeded s -> "Ran " + s.script();
            case Hooks.Outcome.Failed f -> {
                var message = f.script() + " " + f.reason() + lastLines(f.lastLines());
                if (settings.bootMode() == BootMode.build) {
                    throw new SupervisorException(message);
                }
                bridge.emit(new Warning(null, message + "\nThe sandbox continues without it."));
                yield f.script() + " failed; continuing";
            }
        };
    }

    private String start(Hooks hooks) {
        return switch (hooks.start(settings.startTimeout())) {
            case Hooks.Outcome.Skipped s -> "No start.sh";
            case Hooks.Outcome.Succeeded s -> "Ran " + s.script();
            case Hooks.Outcome.Failed f ->
                throw new SupervisorException(f.script() + " " + f.reason() + lastLines(f.lastLines()));
        };
    }

    private static String lastLines(String lines) {
        return lines.isBlank() ? "" : ". Last output:\n" + lines;
    }

    private void phase(String name, Supplier<String> work) {
        var started = System.nanoTime();
        String message;
        try {
            message = work.get();
        } catch (SupervisorException e) {
            throw new PhaseFailed(name, elapsedMillis(started), e.getMessage());
        }
        report(name, started, message);
    }

    private void report(String phase, long startedNanos, String message) {
        var millis = elapsedMillis(startedNanos);
        log.info("Boot phase {} took {} ms: {}", phase, millis, message);
        bridge.emit(new SandboxStatus(settings.sandboxId(), "phase", phase, millis, message));
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** A boot phase failed: the sandbox cannot be used. */
    static final class PhaseFailed extends SupervisorException {
        final String phase;
        final long durationMs;

        PhaseFailed(String phase, long durationMs, String message) {
            super(message);
            this.phase = phase;
            this.durationMs = durationMs;
        }
    }
}
