package io.codinspect.supervisor;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.bridge.SandboxMessage;
import io.codinspect.model.event.PromptCancelled;
import io.codinspect.model.event.SandboxStatus;
import io.codinspect.supervisor.boundary.Boundary;
import io.codinspect.supervisor.bridge.Bridge;
import io.codinspect.supervisor.turn.PromptRunner;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's supervisor: connects the bridge, boots the sandbox, then runs the prompts the
 * control plane sends, one at a time and in order, until it is told to shut down. However it is
 * ended — a {@code shutdown} message, SIGTERM (Ctrl-C of the control plane, pod deletion) — the
 * running turn is stopped, its work committed as "work in progress" and pushed, its ending
 * reported and acknowledged, all within the stop grace period. A boot under way has no turn to
 * save: it is not waited for, and the supervisor ends at once.
 */
final class Supervisor implements Bridge.Handler {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    static final String VERSION = "codinspect-supervisor/0.2.0";
    /** Kept back from the grace period for the last events to be acknowledged. */
    private static final Duration FLUSH_RESERVE = Duration.ofSeconds(3);

    private final SupervisorSettings settings;
    private final Boundary boundary;
    private final Bridge bridge;
    private final CompletableFuture<Boot.Ready> ready = new CompletableFuture<>();
    private final ExecutorService prompts = Executors.newSingleThreadExecutor(r -> new Thread(r, "prompt-runner"));
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch exited = new CountDownLatch(1);
    private final CompletableFuture<String> terminating = new CompletableFuture<>();
    private final AtomicBoolean ending = new AtomicBoolean();
    private final Object bootLock = new Object();
    private volatile String activePrompt;
    private volatile String lastPrompt;
    private volatile String shutdownReason;
    private final CompletableFuture<Void> shutdownAsked = new CompletableFuture<>();
    private volatile PromptRunner runner;

    Supervisor(SupervisorSettings settings, Boundary boundary) {
        this.settings = settings;
        this.boundary = boundary;
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
        log.info("Supervisor starting: {} ({})", settings, boundary.describe());
        bridge.start();
        try {
            var booted = new Boot(settings, bridge, boundary).run();
            boolean endedWhileBooting;
            synchronized (bootLock) { // end() decides under this lock whether there is a turn to stop
                endedWhileBooting = ending.get();
                if (endedWhileBooting) {
                    ready.completeExceptionally(new SupervisorException("ended while booting"));
                } else if (settings.bootMode() != BootMode.build) {
                    runner = new PromptRunner(booted.agent(), booted.workspace(), bridge, booted.checkpointer());
                    booted.relay().beforePullRequest(runner::deliverNow);
                    ready.complete(booted);
                }
            }
            if (endedWhileBooting) { // what the boot started is not needed
                closeQuietly(booted);
                finished.await();
                return 0;
            }
            if (settings.bootMode() == BootMode.build) {
                bridge.flush(Duration.ofSeconds(15));
                bridge.close();
                exited.countDown();
                boundary.close();
                return 0;
            }
        } catch (Boot.PhaseFailed failure) {
            if (ending.get()) {
                ready.completeExceptionally(failure);
                finished.await();
                return 0; // ended while booting: the boot failed because it was cut short
            }
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
            boundary.close();
            exited.countDown();
            return 2;
        } catch (RuntimeException e) {
            if (!ending.get()) {
                throw e;
            }
            ready.completeExceptionally(e); // ended while booting: what broke was cut short
            finished.await();
            return 0;
        }
        if (terminating.isDone()) { // asked to end just as the boot ended
            Thread.ofVirtual().name("terminate").start(() -> end(terminating.join()));
        }
        finished.await();
        return 0;
    }

    /**
     * SIGTERM: ends as {@link #shutdown} does, with the control plane's reason if it gave one, and
     * returns once done or when the grace period is up (the JVM then exits).
     */
    void terminated() {
        try { // the control plane says why just before it signals; give its word a moment to arrive
            shutdownAsked.get(500, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // no word: a plain SIGTERM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var reason = shutdownReason != null ? shutdownReason : "the sandbox was terminated";
        log.info("SIGTERM: ending ({})", reason);
        Thread.ofVirtual().name("terminate").start(() -> terminate(reason));
        try {
            exited.await(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        if (terminating.isDone()) {
            return; // the control plane fails it with the sandbox's end
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
            Thread.ofVirtual().name("stop").start(() -> runner.stop(stop.promptId(), stop.reason()));
        }
    }

    @Override
    public void shutdown(String reason) {
        log.info("Shutting down: {}", reason);
        shutdownReason = reason;
        shutdownAsked.complete(null);
        Thread.ofVirtual().name("terminate").start(() -> terminate(reason));
    }

    /** Ends now, whether booted or not: a boot under way is cut short (it has no turn to save). */
    private void terminate(String reason) {
        terminating.complete(reason);
        end(terminating.join());
    }

    /** Stops the running turn (its work committed and pushed), reports, flushes and lets the process exit. */
    private void end(String reason) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        var deadline =
                System.nanoTime() + settings.stopGrace().minus(FLUSH_RESERVE).toNanos();
        boolean booted;
        synchronized (bootLock) { // a boot ending now either sees ending (and cleans up) or is booted here
            booted = ready.isDone() && !ready.isCompletedExceptionally();
        }
        if (booted) {
            var running = runner.running();
            if (running != null) {
                runner.stop(running, reason);
            }
            prompts.shutdown();
            try {
                if (!prompts.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("The running prompt did not end within the stop grace period");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ready.join().checkpointer().close();
            ready.join().agent().close();
        }
        var flushed = bridge.flush(Duration.ofNanos(
                Math.max(FLUSH_RESERVE.toNanos(), deadline - System.nanoTime() + FLUSH_RESERVE.toNanos())));
        log.info("Ended ({}); last events {}", reason, flushed ? "acknowledged" : "not all acknowledged");
        bridge.close();
        boundary.close(); // a pod's runner exits now: nothing more runs on the agent's side
        exited.countDown();
        finished.countDown();
    }

    /** What a boot cut short started: its checkpointer and, unless an image build, OpenCode. */
    private static void closeQuietly(Boot.Ready booted) {
        booted.checkpointer().close();
        if (booted.agent() != null) {
            booted.agent().close();
        }
    }
}
