package io.codinspect.supervisor.turn;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.Author;
import io.codinspect.model.event.CommitPushed;
import io.codinspect.model.event.PromptCancelled;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.model.event.PromptFailed;
import io.codinspect.supervisor.SupervisorException;
import io.codinspect.supervisor.bridge.EventSink;
import io.codinspect.supervisor.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one prompt: git's author becomes the prompting user, the agent works, then whatever it
 * left uncommitted is committed as that user and the session branch is pushed, so that a
 * prompt's work never stays only inside the sandbox (cancelled and failed turns included). The
 * outcome is reported last.
 */
public final class PromptRunner {

    /** The address for users without an email; documented in {@code docs/sandboxes.md}. */
    static final String NOREPLY_DOMAIN = "users.noreply.codinspect.invalid";

    private static final Logger log = LoggerFactory.getLogger(PromptRunner.class);
    private static final int SUBJECT_LENGTH = 72;

    private final Agent agent;
    private final Workspace workspace;
    private final EventSink bridge;
    private String pushedHead;
    private volatile ControlMessage.RunPrompt current;

    public PromptRunner(Agent agent, Workspace workspace, EventSink bridge) {
        this.agent = agent;
        this.workspace = workspace;
        this.bridge = bridge;
        this.pushedHead = workspace.head();
    }

    public void run(ControlMessage.RunPrompt prompt) {
        var promptId = prompt.promptId();
        current = prompt;
        Turn.Outcome outcome;
        try {
            workspace.configureAuthor(name(prompt.author()), email(prompt.author()));
            outcome = agent.run(promptId, prompt.content(), prompt.model(), prompt.reasoningEffort());
        } catch (SupervisorException e) {
            outcome = new Turn.Outcome.Failed(e.getMessage());
        }
        current = null;
        var delivery = deliver(prompt);
        if (delivery != null && !(outcome instanceof Turn.Outcome.Failed)) {
            outcome = new Turn.Outcome.Failed(delivery);
        }
        bridge.emit(
                switch (outcome) {
                    case Turn.Outcome.Completed c -> new PromptCompleted(promptId);
                    case Turn.Outcome.Cancelled c -> new PromptCancelled(promptId, "stopped");
                    case Turn.Outcome.Failed failed -> new PromptFailed(promptId, failed.error());
                });
        log.info("Prompt={} ended: {}", promptId, outcome);
    }

    /**
     * Commits and pushes the running prompt's work so far (before a pull request is opened in the
     * middle of a turn); returns why that failed, or null.
     */
    public String deliverNow() {
        var prompt = current;
        return prompt == null ? "no prompt is running" : deliver(prompt);
    }

    /** Commits and pushes; returns why delivery failed, or null. */
    private synchronized String deliver(ControlMessage.RunPrompt prompt) {
        try {
            workspace.commitAll(message(prompt));
            var head = workspace.head();
            if (head.equals(pushedHead)) {
                return null;
            }
            workspace.push(prompt.branch());
            pushedHead = head;
            bridge.emit(new CommitPushed(prompt.promptId(), head, prompt.branch()));
            return null;
        } catch (SupervisorException e) {
            log.warn("Delivering prompt={} failed: {}", prompt.promptId(), e.getMessage());
            return "The work is committed in the sandbox but was not delivered: " + e.getMessage();
        }
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
        var subject = first.length() > SUBJECT_LENGTH
                ? first.substring(0, SUBJECT_LENGTH - 1).stripTrailing() + "…"
                : first;
        return subject + "\n\nMade by the CodInspect agent for " + name(prompt.author()) + ".\n\nCodInspect-Prompt: "
                + prompt.promptId() + "\n";
    }
}
