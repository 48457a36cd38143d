package io.codinspect.supervisor;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.bridge.SandboxMessage;
import io.codinspect.model.event.PromptCancelled;
import io.codinspect.model.event.SandboxStatus;
import io.codinspect.supervisor.bridge.Bridge;
import io.codinspect.supervisor.turn.PromptRunner;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's supervisor: connects the bridge, boots the sandbox, then runs the prompts the
 * control plane sends, one at a time and in order, until it is told to shut down.
 */
final class Supervisor implements Bridge.Handler {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    static final String VERSION = "codinspect-supervisor/0.1.0";

    private final SupervisorSettings settings;
    private final Bridge bridge;
    private final CompletableFuture<Boot.Ready> ready = new CompletableFuture<>();
    private final ExecutorService prompts = Executors.newSingleThreadExecutor(r -> new Thread(r, "prompt-runner"));
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile String activePrompt;
    private volatile String lastPrompt;
    private volatile PromptRunner runner;

    Supervisor(SupervisorSettings settings) {
        this.settings = settings;
        this.bridge = new Bridge(
                settings.bridgeUrl(),
                settings.sandboxToken(),
                settings.heartbeatInterval(),
                settings.outboxLimit(),
                () -> new SandboxMessage.Hello(activePrompt, lastPrompt, VERSION),
                this);
    }

    /** Runs until shutdown; returns the process exit code. */
    int run() throws InterruptedException {
        log.info("Supervisor starting: {}", settings);
        bridge.start();
        try {
            var booted = new Boot(settings, bridge).run();
            if (settings.bootMode() == BootMode.build) {
                bridge.flush(Duration.ofSeconds(15));
                bridge.close();
                return 0;
            }
            runner = new PromptRunner(booted.agent(), booted.workspace(), bridge);
            booted.relay().beforePullRequest(runner::deliverNow);
            ready.complete(booted);
        } catch (Boot.PhaseFailed failure) {
            log.error("Boot failed in phase {}: {}", failure.phase, failure.getMessage());
            ready.completeExceptionally(failure);
            bridge.emit(new SandboxStatus(
                    settings.sandboxId(),
                    "failed",
                    failure.phase,
                    failure.durationMs,
                    "Boot failed (" + failure.phase + "): " + failure.getMessage()));
            bridge.flush(Duration.ofSeconds(15));
            bridge.close();
            return 2;
        }
        finished.await();
        prompts.shutdownNow();
        ready.join().agent().close();
        bridge.flush(Duration.ofSeconds(5));
        bridge.close();
        return 0;
    }

    @Override
    public void prompt(ControlMessage.RunPrompt prompt) {
        if (!accepted.add(prompt.promptId())) {
            log.info("Prompt={} was already accepted; ignoring the resend", prompt.promptId());
            return;
        }
        lastPrompt = prompt.promptId();
        prompts.submit(() -> runOne(prompt));
    }

    private void runOne(ControlMessage.RunPrompt prompt) {
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            try {
                ready.join();
            } catch (RuntimeException bootFailed) {
                return; // the control plane fails the prompt when the sandbox fails
            }
        }
        if (stopped.contains(prompt.promptId())) {
            bridge.emit(new PromptCancelled(prompt.promptId(), "stopped before it started"));
            return;
        }
        activePrompt = prompt.promptId();
        try {
            runner.run(prompt);
        } catch (RuntimeException e) {
            log.error("Prompt={} crashed the runner", prompt.promptId(), e);
        } finally {
            activePrompt = null;
        }
    }

    @Override
    public void stop(ControlMessage.Stop stop) {
        stopped.add(stop.promptId());
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            Thread.ofVirtual().name("stop").start(() -> ready.join().agent().stop(stop.promptId()));
        }
    }

    @Override
    public void shutdown(String reason) {
        log.info("Shutting down: {}", reason);
        finished.countDown();
    }
}
