package io.codinspect.supervisor.turn;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.Author;
import io.codinspect.model.event.CommitPushed;
import io.codinspect.model.event.PromptCancelled;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.model.event.PromptFailed;
import io.codinspect.model.event.SessionEvent;
import io.codinspect.supervisor.SupervisorException;
import io.codinspect.supervisor.bridge.EventSink;
import io.codinspect.supervisor.workspace.Workspace;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one prompt: git's author becomes the prompting user, the agent works (checkpointed while
 * it does), then whatever it left uncommitted is committed as that user and the session branch is
 * pushed — rebased onto whatever others pushed to it meanwhile, never forced — so that a prompt's
 * work never stays only inside the sandbox (cancelled and failed turns included). The outcome is reported last. A turn stopped for a reason other than a person's stop
 * (the sandbox shutting down, the turn timeout) is committed as "work in progress, stopped: …" and
 * ends failed, saying where its work is.
 */
public final class PromptRunner {

    /** The address for users without an email; documented in {@code docs/sandboxes.md}. */
    static final String NOREPLY_DOMAIN = "users.noreply.codinspect.invalid";

    private static final Logger log = LoggerFactory.getLogger(PromptRunner.class);
    private static final int SUBJECT_LENGTH = 72;
    /** Pushes tried when the branch keeps moving between bringing it in and pushing. */
    private static final int PUSH_ATTEMPTS = 3;

    /** What delivering a prompt's work did: the branch head afterwards, and why it failed, if it did. */
    record Delivery(String head, String error) {}

    private final Agent agent;
    private final Workspace workspace;
    private final EventSink bridge;
    private final Checkpointer checkpointer;
    private final Map<String, String> stopReasons = new ConcurrentHashMap<>();
    private String pushedHead;
    private volatile ControlMessage.RunPrompt current;

    public PromptRunner(Agent agent, Workspace workspace, EventSink bridge, Checkpointer checkpointer) {
        this.agent = agent;
        this.workspace = workspace;
        this.bridge = bridge;
        this.checkpointer = checkpointer;
        this.pushedHead = workspace.head();
    }

    public void run(ControlMessage.RunPrompt prompt) {
        if (prompt.review()) {
            review(prompt);
            return;
        }
        var promptId = prompt.promptId();
        checkpointer.begin();
        Turn.Outcome outcome;
        try {
            outcome = turn(prompt);
        } finally {
            checkpointer.end();
        }
        var stopReason = stopReasons.remove(promptId);
        var delivery = deliver(prompt, stopReason == null ? message(prompt) : workInProgress(prompt, stopReason));
        if (delivery.error() == null) {
            checkpointer.settle();
        }
        bridge.emit(ending(prompt, outcome, stopReason, delivery));
        log.info("Prompt={} ended: {}", promptId, outcome);
    }

    /**
     * Runs a review: the agent reads and answers; nothing is committed, checkpointed nor pushed,
     * and whatever it changed in the clone (files, commits, the branch it is on) is undone when the
     * turn ends, so the next prompt starts from the branch as it was.
     */
    private void review(ControlMessage.RunPrompt prompt) {
        var promptId = prompt.promptId();
        var before = workspace.head();
        var outcome = turn(prompt);
        var stopReason = stopReasons.remove(promptId);
        String undone = null;
        try {
            workspace.restore(prompt.branch(), before);
        } catch (SupervisorException e) {
            undone = "The review's changes to the clone could not be undone: " + e.getMessage();
            log.warn("Prompt={}: {}", promptId, undone);
        }
        SessionEvent ending;
        if (stopReason != null) {
            ending = new PromptFailed(promptId, "Stopped: " + stopReason + ".");
        } else if (undone != null && !(outcome instanceof Turn.Outcome.Failed)) {
            ending = new PromptFailed(promptId, undone);
        } else {
            ending = ending(promptId, outcome);
        }
        bridge.emit(ending);
        log.info("Review prompt={} ended: {}", promptId, outcome);
    }

    /** The agent's turn, with git's author the prompting user. */
    private Turn.Outcome turn(ControlMessage.RunPrompt prompt) {
        current = prompt;
        try {
            workspace.configureAuthor(name(prompt.author()), email(prompt.author()));
            return agent.run(
                    prompt.promptId(),
                    PromptText.of(prompt.content(), prompt.context()),
                    prompt.model(),
                    prompt.reasoningEffort());
        } catch (SupervisorException e) {
            return new Turn.Outcome.Failed(e.getMessage());
        } finally {
            current = null;
        }
    }

    /**
     * Stops the running turn of {@code promptId}; {@code reason} is null for a person's stop
     * (the prompt ends cancelled) or says why it was stopped otherwise (it ends failed).
     */
    public void stop(String promptId, String reason) {
        if (reason != null) {
            stopReasons.put(promptId, reason);
        }
        agent.stop(promptId);
    }

    /** The running prompt, if any. */
    public String running() {
        var prompt = current;
        return prompt == null ? null : prompt.promptId();
    }

    /**
     * Commits and pushes the running prompt's work so far (before a pull request is opened in the
     * middle of a turn); returns why that failed, or null.
     */
    public String deliverNow() {
        var prompt = current;
        if (prompt == null) {
            return "no prompt is running";
        }
        return prompt.review()
                ? "a review neither pushes nor opens pull requests"
                : deliver(prompt, message(prompt)).error();
    }

    private SessionEvent ending(
            ControlMessage.RunPrompt prompt, Turn.Outcome outcome, String stopReason, Delivery delivery) {
        var promptId = prompt.promptId();
        if (stopReason != null) {
            var where = delivery.error() != null
                    ? delivery.error()
                    : "the work so far is on " + prompt.branch() + " at " + shortId(delivery.head()) + ".";
            return new PromptFailed(promptId, "Stopped: " + stopReason + "; " + where);
        }
        if (delivery.error() != null && !(outcome instanceof Turn.Outcome.Failed)) {
            return new PromptFailed(promptId, delivery.error());
        }
        return ending(promptId, outcome);
    }

    private static SessionEvent ending(String promptId, Turn.Outcome outcome) {
        return switch (outcome) {
            case Turn.Outcome.Completed c -> new PromptCompleted(promptId);
            case Turn.Outcome.Cancelled c -> new PromptCancelled(promptId, "stopped");
            case Turn.Outcome.Failed failed -> new PromptFailed(promptId, failed.error());
        };
    }

    /**
     * Commits and pushes: onto whatever was pushed to the branch meanwhile (rebased, never forced);
     * work that conflicts with it is kept on the checkpoint ref and the delivery says so.
     */
    private synchronized Delivery deliver(ControlMessage.RunPrompt prompt, String message) {
        try {
            workspace.commitAll(message);
            if (workspace.head().equals(pushedHead)) {
                return new Delivery(pushedHead, null);
            }
            var since = pushedHead;
            for (var attempt = 1; ; attempt++) {
                var integration = workspace.integrate(prompt.branch(), since);
                if (integration instanceof Workspace.Integration.Conflict c) {
                    return conflicted(prompt, c);
                }
                if (integration instanceof Workspace.Integration.Rebased r) {
                    since = r.onto(); // this clone's commits are those after it now
                }
                try {
                    workspace.push(prompt.branch());
                    break;
                } catch (SupervisorException e) {
                    if (attempt == PUSH_ATTEMPTS) {
                        throw e;
                    }
                    log.info(
                            "Pushing prompt={} failed ({}); bringing the branch in again",
                            prompt.promptId(),
                            e.getMessage());
                }
            }
            var head = workspace.head();
            pushedHead = head;
            bridge.emit(new CommitPushed(prompt.promptId(), head, prompt.branch()));
            return new Delivery(head, null);
        } catch (SupervisorException e) {
            log.warn("Delivering prompt={} failed: {}", prompt.promptId(), e.getMessage());
            return new Delivery(null, "The work is committed in the sandbox but was not delivered: " + e.getMessage());
        }
    }

    /**
     * The work conflicts with what was pushed to the branch: it is kept on a ref of its own and the
     * clone goes on from the branch as the origin has it, so the next prompt does not meet the
     * same conflict again.
     */
    private Delivery conflicted(ControlMessage.RunPrompt prompt, Workspace.Integration.Conflict conflict) {
        var kept = checkpointer.keep(prompt.promptId());
        if (kept != null) {
            workspace.restore(prompt.branch(), conflict.onto());
            pushedHead = conflict.onto();
        }
        return new Delivery(null, conflict(prompt.branch(), conflict, kept));
    }

    /** Why a turn's work did not reach the branch, and where it is. */
    static String conflict(String branch, Workspace.Integration.Conflict conflict, String keptOn) {
        var files = conflict.files().isEmpty()
                ? ""
                : " in "
                        + String.join(
                                ", ",
                                conflict.files()
                                        .subList(0, Math.min(5, conflict.files().size())))
                        + (conflict.files().size() > 5
                                ? " and " + (conflict.files().size() - 5) + " more"
                                : "");
        var where = keptOn == null ? "is committed in the sandbox only" : "is on " + keptOn;
        return "Someone pushed to " + branch + " while the agent worked (now at " + shortId(conflict.onto())
                + ") and their changes conflict with the agent's" + files + ". Nothing was pushed to " + branch
                + " and nothing was overwritten: the agent's work " + where
                + (keptOn == null
                        ? ". Ask the agent to merge origin/" + branch + " and resolve the conflict."
                        : "; the next prompt starts from " + branch + " as it is now. To bring the work in, ask the"
                                + " agent to merge it (git fetch origin " + keptOn + " && git merge FETCH_HEAD) and"
                                + " resolve the conflict, or do it yourself.");
    }

    static String name(Author author) {
        if (author.name() != null && !author.name().isBlank()) {
            return author.name();
        }
        return author.login();
    }

    /** The user's email, or {@code <login>@users.noreply.codinspect.invalid} for users without one. */
    static String email(Author author) {
        if (author.email() != null && !author.email().isBlank()) {
            return author.email();
        }
        return author.login() + "@" + NOREPLY_DOMAIN;
    }

    /** The prompt's first line as the subject (at most 72 characters), and where it came from. */
    static String message(ControlMessage.RunPrompt prompt) {
        var first = prompt.content()
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .findFirst()
                .orElse("Agent changes");
        return subject(first) + body(prompt);
    }

    /** "work in progress, stopped: <reason>", for a turn that did not get to finish. */
    static String workInProgress(ControlMessage.RunPrompt prompt, String reason) {
        return subject("work in progress, stopped: " + reason) + body(prompt);
    }

    private static String subject(String line) {
        return line.length() > SUBJECT_LENGTH
                ? line.substring(0, SUBJECT_LENGTH - 1).stripTrailing() + "…"
                : line;
    }

    private static String body(ControlMessage.RunPrompt prompt) {
        return "\n\nMade by the CodInspect agent for " + name(prompt.author()) + ".\n\nCodInspect-Prompt: "
                + prompt.promptId() + "\n";
    }

    private static String shortId(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(12, commit.length()));
    }
}
