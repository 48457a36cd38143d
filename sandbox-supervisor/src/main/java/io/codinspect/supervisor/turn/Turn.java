package io.codinspect.supervisor.turn;

import java.util.concurrent.CompletableFuture;

/**
 * One prompt's turn inside OpenCode. It ends on the first {@code session.idle} after OpenCode
 * reported the session busy (a late idle from an earlier turn cannot end it); OpenCode sends a
 * second idle after errors, which finds the turn already over.
 */
final class Turn {

    /** How a turn ended. */
    sealed interface Outcome {
        record Completed() implements Outcome {}

        record Failed(String error) implements Outcome {}

        record Cancelled() implements Outcome {}
    }

    private final String promptId;
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private volatile boolean busy;
    private volatile boolean stopRequested;
    private volatile String error;
    private volatile String afterMessageId;
    private final long startedNanos = System.nanoTime();

    Turn(String promptId) {
        this.promptId = promptId;
    }

    /** The OpenCode session's last message before this turn's prompt was sent. */
    void after(String messageId) {
        this.afterMessageId = messageId;
    }

    String afterMessageId() {
        return afterMessageId;
    }

    java.time.Duration age() {
        return java.time.Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    String promptId() {
        return promptId;
    }

    CompletableFuture<Outcome> done() {
        return done;
    }

    void busy() {
        busy = true;
    }

    void stopRequested() {
        stopRequested = true;
    }

    /** OpenCode reported an error for the session; the turn ends with it at the next idle. */
    void error(String message) {
        if (error == null) {
            error = message;
        }
    }

    void idle() {
        if (busy) {
            finish();
        }
    }

    /** Ends the turn now, whatever OpenCode says later (the agent died, or stop was forced). */
    void end(String failure) {
        error(failure);
        finish();
    }

    private void finish() {
        if (stopRequested) {
            done.complete(new Outcome.Cancelled());
        } else if (error != null) {
            done.complete(new Outcome.Failed(error));
        } else {
            done.complete(new Outcome.Completed());
        }
    }
}
