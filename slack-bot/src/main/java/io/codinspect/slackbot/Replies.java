package io.codinspect.slackbot;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import io.codinspect.client.CodInspectClient;
import io.codinspect.client.CodInspectException;
import io.codinspect.client.CodInspectProblem;
import io.codinspect.client.Notification;
import io.codinspect.client.PromptSource;
import io.codinspect.client.PromptStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's notifications, told in the thread: a status message when a prompt starts
 * (with Stop), updated with the agent's step, and the answer when it ends, with the reactions on
 * the person's message turned to ✅ or ❌. Each step is idempotent: a retried notification finds
 * its message's ts in the prompt's bot data (read fresh, not from the delivery, whose body is the
 * one built at its first attempt) and does not post again. The notifications of one prompt are
 * told one at a time, so a retry that arrives while its first attempt still posts waits for it.
 */
final class Replies {

    static final String STOP = "stop";
    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private static final int LOCKS = 64;
    private static final int ANSWERED_KEPT = 10_000;

    private final SlackApi slack;
    private final CodInspectClient bot;
    private final Stripes prompts = new Stripes(LOCKS);
    /** Prompts answered lately, so a late progress update does not turn "Done" back into a step. */
    private final Set<UUID> answered = Collections.newSetFromMap(Bounded.oldestDropped(ANSWERED_KEPT));

    Replies(SlackApi slack, CodInspectClient bot) {
        this.slack = slack;
        this.bot = bot;
    }

    /** Tells {@code notification}; throws when Slack or the control plane failed, so it is retried. */
    void on(Notification notification) {
        if (notification.session() == null) {
            return;
        }
        if (notification.prompt() == null) {
            tell(notification);
            return;
        }
        prompts.run(notification.prompt().id(), () -> tell(notification));
    }

    private void tell(Notification notification) {
        switch (notification.kind()) {
            case Notification.PROMPT_STARTED -> started(notification);
            case Notification.PROMPT_PROGRESS -> progress(notification);
            case Notification.PROMPT_FINISHED -> finished(notification);
            case Notification.PULL_REQUEST -> pullRequest(notification);
            default -> log.debug("Notification kind {} is not told in Slack", notification.kind());
        }
    }

    private void started(Notification notification) {
        var thread = thread(notification);
        if (thread == null || !ours(notification)) {
            return;
        }
        var data = fresh(notification);
        if (data.statusTs() != null || data.answerTs() != null) {
            return;
        }
        var posted = slack.call(
                "chat.postMessage",
                m -> m.chatPostMessage(r -> r.channel(thread.channel())
                        .threadTs(thread.threadTs())
                        .text("Working on it…")
                        .blocks(status(":hourglass_flowing_sand: Working on it…", notification))));
        author(notification)
                .updatePromptBotData(
                        sessionId(notification),
                        promptId(notification),
                        data.withStatus(posted.getTs()).json());
    }

    private void progress(Notification notification) {
        var data = BotData.of(notification.prompt().botData());
        if (data.statusTs() == null
                || data.channel() == null
                || notification.progress() == null
                || (notification.prompt().status() != null
                        && notification.prompt().status().finished())
                || answered(notification.prompt().id())) {
            return;
        }
        var step = Mrkdwn.fromMarkdown(notification.progress().step());
        slack.tryCall(
                "chat.update",
                m -> m.chatUpdate(r -> r.channel(data.channel())
                        .ts(data.statusTs())
                        .text(step)
                        .blocks(status(":hourglass_flowing_sand: " + step, notification))));
    }

    private void finished(Notification notification) {
        var thread = thread(notification);
        if (thread == null || answered(promptId(notification))) {
            return;
        }
        var data = ours(notification)
                ? fresh(notification)
                : BotData.of(notification.prompt().botData());
        var messages = Answer.of(notification);
        if (data.answerTs() != null && data.answerParts() >= messages.size()) {
            remember(promptId(notification));
            return;
        }
        if (data.answerTs() == null) {
            settle(notification, thread, data);
        }
        var first = data.answerTs();
        // a retry after a part failed posts only the parts not posted yet
        for (var part = data.answerParts(); part < messages.size(); part++) {
            var message = messages.get(part);
            var posted = slack.call(
                    "chat.postMessage",
                    m -> m.chatPostMessage(r -> r.channel(thread.channel())
                            .threadTs(thread.threadTs())
                            .text(message.text())
                            .blocks(message.blocks())
                            .unfurlLinks(false)));
            first = first != null ? first : posted.getTs();
            if (ours(notification)) {
                author(notification)
                        .updatePromptBotData(
                                sessionId(notification),
                                promptId(notification),
                                data.withAnswer(first, part + 1).json());
            }
        }
        remember(promptId(notification));
    }

    /** The status message says how the prompt ended, and the 👀 on the person's message becomes ✅ or ❌. */
    private void settle(Notification notification, BotData thread, BotData data) {
        var outcome = notification.finished().outcome();
        if (data.statusTs() != null) {
            var words = switch (outcome) {
                case completed -> ":white_check_mark: Done.";
                case cancelled -> ":octagonal_sign: Stopped.";
                default -> ":x: Failed.";
            };
            slack.tryCall(
                    "chat.update",
                    m -> m.chatUpdate(r -> r.channel(thread.channel())
                            .ts(data.statusTs())
                            .text(words)
                            .blocks(List.of(section(s -> s.text(markdownText(words)))))));
        }
        if (data.messageTs() != null) {
            slack.tryCall(
                    "reactions.remove",
                    m -> m.reactionsRemove(r -> r.channel(thread.channel())
                            .timestamp(data.messageTs())
                            .name("eyes")));
            var reaction = outcome == PromptStatus.completed ? "white_check_mark" : "x";
            slack.tryCall(
                    "reactions.add",
                    m -> m.reactionsAdd(r -> r.channel(thread.channel())
                            .timestamp(data.messageTs())
                            .name(reaction)));
        }
    }

    /** The prompt's bot data as it is now. */
    private BotData fresh(Notification notification) {
        return BotData.of(author(notification)
                .prompt(sessionId(notification), promptId(notification))
                .botData());
    }

    private boolean answered(UUID prompt) {
        synchronized (answered) {
            return answered.contains(prompt);
        }
    }

    private void remember(UUID prompt) {
        synchronized (answered) {
            answered.add(prompt);
        }
    }

    private void pullRequest(Notification notification) {
        var thread = thread(notification);
        var pr = notification.pullRequest();
        if (thread == null || pr == null) {
            return;
        }
        var words = switch (pr.state() == null ? "" : pr.state()) {
            case "merged" -> ":tada: <" + pr.url() + "|Pull request #" + pr.number() + "> was merged.";
            case "closed" -> "<" + pr.url() + "|Pull request #" + pr.number() + "> was closed.";
            case "draft" -> ":memo: Draft <" + pr.url() + "|pull request #" + pr.number() + "> is open.";
            default -> ":rocket: <" + pr.url() + "|Pull request #" + pr.number() + "> is open.";
        };
        slack.call(
                "chat.postMessage",
                m -> m.chatPostMessage(r ->
                        r.channel(thread.channel()).threadTs(thread.threadTs()).text(words)));
    }

    /** The status message: what the agent does now, and Stop. */
    static List<LayoutBlock> status(String words, Notification notification) {
        var blocks = new ArrayList<LayoutBlock>();
        blocks.add(section(s -> s.text(markdownText(words.length() > 2900 ? words.substring(0, 2900) + "…" : words))));
        var value = notification.session().id() + "/" + notification.prompt().id();
        blocks.add(actions(a -> a.elements(List.of(button(
                b -> b.actionId(STOP).text(plainText("Stop")).style("danger").value(value))))));
        return blocks;
    }

    /** The thread a notification is told in: the prompt's, else the session's. */
    private static BotData thread(Notification notification) {
        var fromPrompt = notification.prompt() == null
                ? null
                : BotData.of(notification.prompt().botData());
        if (fromPrompt != null && fromPrompt.channel() != null && fromPrompt.threadTs() != null) {
            return fromPrompt;
        }
        var fromSession = BotData.of(notification.session().botData());
        return fromSession.channel() != null && fromSession.threadTs() != null ? fromSession : null;
    }

    /** A prompt this bot sent (its bot data is the bot's to read and write). */
    private static boolean ours(Notification notification) {
        return notification.prompt() != null
                && notification.prompt().source() == PromptSource.slack
                && notification.prompt().authorId() != null
                && notification.prompt().botData() != null;
    }

    private CodInspectClient author(Notification notification) {
        return bot.onBehalfOf(notification.prompt().authorId());
    }

    private static UUID sessionId(Notification notification) {
        return notification.session().id();
    }

    private static UUID promptId(Notification notification) {
        return notification.prompt().id();
    }

    /**
     * Whether a failure to tell a notification should make the control plane retry it: Slack or the
     * control plane down or busy. A refusal (a channel gone, a prompt deleted) or a bug would fail
     * the same way every time, so the delivery is answered and the failure only logged.
     */
    static boolean retryable(RuntimeException e) {
        return switch (e) {
            case SlackApi.SlackFailure slack -> slack.transientFailure();
            case CodInspectProblem problem -> problem.status() >= 500 || problem.status() == 429;
            case CodInspectException unreachable -> true;
            default -> false;
        };
    }
}
