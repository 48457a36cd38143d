package io.codinspect.supervisor.turn;

import io.codinspect.supervisor.Backoff;
import io.codinspect.supervisor.SupervisorException;
import io.codinspect.supervisor.bridge.EventSink;
import io.codinspect.supervisor.opencode.OpencodeClient;
import io.codinspect.supervisor.opencode.OpencodeEvents;
import io.codinspect.supervisor.opencode.OpencodeServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenCode agent of this sandbox: one server process, one event stream, one OpenCode session
 * for the whole CodInspect session (so later prompts keep the conversation). If the process dies,
 * the running turn fails and the server is restarted with backoff (1 s doubling to 30 s); the
 * conversation survives because OpenCode keeps it in the sandbox home. While a turn runs, a
 * watchdog asks OpenCode every {@code WATCHDOG} whether the session is idle and, if so, catches the
 * turn up from OpenCode's message API, so a missed {@code session.idle} never leaves it running.
 */
public final class Agent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration RESTART_WAIT = Duration.ofSeconds(90);
    private static final Duration WATCHDOG = Duration.ofSeconds(20);
    private static final int RECONCILE_PAGE = 200;
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration SETTLE_POLL = Duration.ofMillis(50);

    private final OpencodeServer server;
    private final EventTranslator translator;
    private final String title;
    private volatile OpencodeClient client;
    private volatile OpencodeEvents events;
    private volatile String opencodeSession;
    private volatile Turn turn;
    /** Stops of prompts whose turn had not begun when they arrived: the turn ends as soon as it begins. */
    private final java.util.Set<String> stoppedEarly = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile boolean closed;
    private volatile CompletableFuture<OpencodeClient> launching;
    /** Done while OpenCode is up; replaced by a pending future while it restarts. */
    private volatile CompletableFuture<Void> available = CompletableFuture.completedFuture(null);

    /** @param toolFinished told when one of the turn's tool calls finished (it may have changed files) */
    public Agent(OpencodeServer server, EventSink bridge, String title, Runnable toolFinished) {
        this.server = server;
        this.translator = new EventTranslator(bridge, toolFinished);
        this.title = title;
        Thread.ofVirtual().name("turn-watchdog").start(this::watchdog);
    }

    /**
     * Starts the OpenCode process in the background, so that it comes up while the repository is
     * cloned into its (still empty) working folder and the hooks run.
     */
    public void launch() {
        if (launching == null) {
            launching = CompletableFuture.supplyAsync(server::start, Thread::startVirtualThread);
        }
    }

    /** Waits for OpenCode, follows its events and opens the session. */
    public void start() {
        launch();
        try {
            client = launching.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SupervisorException failure
                    ? failure
                    : new SupervisorException("OpenCode did not start: " + e.getCause(), e);
        } finally {
            launching = null;
        }
        events = new OpencodeEvents(client, translator::accept, this::reconcile);
        try {
            events.start().get(15, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new SupervisorException("OpenCode's event stream did not open within 15 s", e);
        } catch (ExecutionException e) {
            throw new SupervisorException("Could not follow OpenCode's events: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupervisorException("interrupted while starting OpenCode", e);
        }
        if (opencodeSession == null) {
            opencodeSession = client.createSession(title);
        }
        translator.follow(opencodeSession);
        server.exited().thenRun(this::died);
    }

    /** Runs one prompt to the end of its turn. */
    public Turn.Outcome run(String promptId, String text, String model, String variant) {
        try {
            available.get(RESTART_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return new Turn.Outcome.Failed("The agent (OpenCode) is restarting and did not come back within "
                    + RESTART_WAIT.toSeconds() + " s.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Turn.Outcome.Failed("interrupted while waiting for the agent");
        }
        var current = new Turn(promptId);
        try {
            current.after(client.lastMessageId(opencodeSession));
        } catch (SupervisorException e) {
            log.info("Could not read the session's last message before prompt={}: {}", promptId, e.getMessage());
        }
        turn = current;
        translator.begin(current);
        if (stoppedEarly.remove(promptId)) { // stopped while OpenCode was still coming up
            turn = null;
            return new Turn.Outcome.Cancelled();
        }
        try {
            if (model == null) {
                throw new SupervisorException("No model was chosen and none is configured: set"
                        + " codinspect.models.default-model or a provider key (GET /api/models lists the models).");
            }
            var slash = model.indexOf('/');
            if (slash < 0) {
                throw new SupervisorException("the model '" + model + "' is not of the form provider/model");
            }
            client.prompt(opencodeSession, text, model.substring(0, slash), model.substring(slash + 1), variant);
            var outcome = current.done().join();
            settle(current);
            return outcome;
        } catch (SupervisorException e) {
            return new Turn.Outcome.Failed(e.getMessage());
        } finally {
            turn = null;
        }
    }

    /** Aborts the running turn of {@code promptId}; OpenCode ends it within milliseconds. */
    public void stop(String promptId) {
        var current = turn;
        if (current == null || !current.promptId().equals(promptId)) {
            stoppedEarly.add(promptId); // its turn has not begun yet: it ends when it does
            current = turn;
            if (current == null || !current.promptId().equals(promptId)) {
                return;
            }
            stoppedEarly.remove(promptId);
        }
        current.stopRequested();
        try {
            client.abort(opencodeSession);
        } catch (SupervisorException e) {
            log.warn("Aborting prompt={} failed ({}); ending the turn here", promptId, e.getMessage());
            current.end("stopped");
        }
    }

    /**
     * Reports what the ended turn's messages hold and its events did not bring. After an abort
     * OpenCode finishes the turn's last message shortly after it says it is idle, so this waits
     * for that, at most {@code SETTLE}.
     */
    private void settle(Turn ended) {
        var deadline = System.nanoTime() + SETTLE.toNanos();
        try {
            var messages = client.messages(opencodeSession, RECONCILE_PAGE);
            while (!translator.settled(messages, ended.afterMessageId()) && System.nanoTime() < deadline) {
                Thread.sleep(SETTLE_POLL.toMillis());
                messages = client.messages(opencodeSession, RECONCILE_PAGE);
            }
            translator.settle(messages, ended.afterMessageId());
        } catch (SupervisorException e) {
            log.info("Could not read the messages of prompt={} after its turn: {}", ended.promptId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Catches the running turn up from OpenCode's messages (after a reconnect, or when OpenCode is idle). */
    private void reconcile() {
        var current = turn;
        var session = opencodeSession;
        if (current == null || session == null || client == null) {
            return;
        }
        try {
            var idle = client.idle(session);
            translator.reconcile(client.messages(session, RECONCILE_PAGE), current.afterMessageId(), idle);
            if (idle && current.done().isDone()) {
                log.info("Prompt={} ended by reconciling with OpenCode's messages", current.promptId());
            }
        } catch (SupervisorException e) {
            log.info("Could not reconcile prompt={} with OpenCode: {}", current.promptId(), e.getMessage());
        }
    }

    private void watchdog() {
        while (!closed) {
            Backoff.sleep(WATCHDOG);
            var current = turn;
            if (current != null && !current.done().isDone() && current.age().compareTo(WATCHDOG) >= 0) {
                try {
                    if (client.idle(opencodeSession)) {
                        reconcile();
                    }
                } catch (SupervisorException | NullPointerException e) {
                    log.debug("Turn watchdog: {}", e.toString());
                }
            }
        }
    }

    private void died() {
        if (closed) {
            return;
        }
        log.warn("OpenCode exited unexpectedly; restarting it");
        var restarted = new CompletableFuture<Void>();
        available = restarted;
        var current = turn;
        if (current != null) {
            current.end("The agent process (OpenCode) exited unexpectedly during this prompt.");
        }
        events.close();
        var backoff = new Backoff(Duration.ofSeconds(1), MAX_BACKOFF);
        while (!closed) {
            try {
                start();
                restarted.complete(null);
                return;
            } catch (SupervisorException e) {
                log.warn("Restarting OpenCode failed: {}", e.getMessage());
                backoff.pause();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (launching != null) {
            launching.whenComplete((started, failure) -> server.stop());
        }
        if (events != null) {
            events.close();
        }
        server.stop();
    }
}
