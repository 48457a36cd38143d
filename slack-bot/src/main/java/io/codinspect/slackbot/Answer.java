package io.codinspect.slackbot;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import io.codinspect.client.Notification;
import io.codinspect.client.PromptStatus;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The bot's reply when a prompt ends: the agent's answer in mrkdwn, split within Slack's limits
 * (3000 characters a section; a message's blocks are refused as {@code msg_blocks_too_long} past
 * about 12,000 characters in all, so at most {@link #MESSAGE_CHARS} a message, then more
 * messages), then what changed (files, branch, pull request, cost, duration) and the buttons.
 */
final class Answer {

    static final String VIEW = "view_session";
    static final String CREATE_PR = "create_pr";
    static final int SECTION_LIMIT = 2900;
    static final int SECTIONS_PER_MESSAGE = 40;
    static final int MESSAGE_CHARS = 11_000;
    private static final int NAME_LIMIT = 120;
    private static final int ERROR_LIMIT = 1000;
    private static final int FILES_SHOWN = 10;
    private static final int FALLBACK_LIMIT = 3000;

    /** One message: its fallback text and its blocks. */
    record Message(String text, List<LayoutBlock> blocks) {}

    private Answer() {}

    /** The messages of the reply, in order; the last one holds the summary and the buttons. */
    static List<Message> of(Notification notification) {
        var finished = notification.finished();
        var sections = new ArrayList<String>();
        sections.add(headline(finished));
        if (finished.finalMessage() != null && !finished.finalMessage().isBlank()) {
            sections.addAll(Mrkdwn.split(Mrkdwn.fromMarkdown(finished.finalMessage()), SECTION_LIMIT));
        }
        var summary = summary(notification);
        var messages = new ArrayList<Message>();
        var part = new ArrayList<String>();
        var chars = 0;
        for (var i = 0; i < sections.size(); i++) {
            var text = sections.get(i);
            // the last message keeps room for the summary
            var room = MESSAGE_CHARS - (i == sections.size() - 1 ? summary.length() : 0);
            if (!part.isEmpty() && (part.size() == SECTIONS_PER_MESSAGE || chars + text.length() > room)) {
                messages.add(message(part));
                part = new ArrayList<>();
                chars = 0;
            }
            part.add(text);
            chars += text.length();
        }
        messages.add(message(part));
        var last = messages.getLast();
        var blocks = new ArrayList<>(last.blocks());
        blocks.add(context(c -> c.elements(List.of(markdownText(summary)))));
        var buttons = buttons(notification);
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.elements(buttons)));
        }
        messages.set(messages.size() - 1, new Message(last.text(), blocks));
        return messages;
    }

    private static Message message(List<String> sections) {
        var blocks = new ArrayList<LayoutBlock>();
        sections.forEach(text -> blocks.add(section(s -> s.text(markdownText(text)))));
        return new Message(fallback(String.join("\n", sections)), blocks);
    }

    private static String headline(Notification.Finished finished) {
        return switch (finished.outcome()) {
            case completed -> ":white_check_mark: *Done.*";
            case cancelled -> ":octagonal_sign: *Stopped.* The work so far is kept on the branch.";
            case failed -> ":x: *It failed:* " + Mrkdwn.fromMarkdown(error(finished.error()));
            default -> "*Finished* (" + finished.outcome() + ").";
        };
    }

    /** The error as said in the headline: the sandbox's words, cut to fit one section. */
    private static String error(String error) {
        if (error == null || error.isBlank()) {
            return "no reason was given.";
        }
        return error.length() <= ERROR_LIMIT ? error : error.substring(0, ERROR_LIMIT - 1) + "…";
    }

    static String summary(Notification notification) {
        var finished = notification.finished();
        var parts = new ArrayList<String>();
        var files = finished.filesChanged();
        if (!files.isEmpty()) {
            var shown = files.stream().limit(FILES_SHOWN).map(Answer::code).toList();
            parts.add("Changed " + String.join(", ", shown)
                    + (files.size() > FILES_SHOWN ? " and " + (files.size() - FILES_SHOWN) + " more" : ""));
        }
        var branch = finished.branch() != null
                ? finished.branch()
                : notification.session().branch();
        if (branch != null) {
            parts.add("branch " + code(branch));
        }
        if (finished.pullRequest() != null) {
            parts.add("<" + finished.pullRequest().url() + "|pull request #"
                    + finished.pullRequest().number() + "> ("
                    + finished.pullRequest().state() + ")");
        }
        if (finished.costUsd() != null) {
            parts.add("$"
                    + finished.costUsd()
                            .setScale(4, RoundingMode.HALF_UP)
                            .stripTrailingZeros()
                            .toPlainString());
        }
        if (finished.durationMs() != null) {
            parts.add(duration(Duration.ofMillis(finished.durationMs())));
        }
        return parts.isEmpty() ? "Nothing changed." : String.join(" · ", parts);
    }

    /** A name from the repository (a file, a branch) as short inline code it cannot break out of. */
    private static String code(String name) {
        var shown = name.length() > NAME_LIMIT ? name.substring(0, NAME_LIMIT - 1) + "…" : name;
        return "`" + Mrkdwn.escape(shown.replace("`", "'").replace("\n", " ")) + "`";
    }

    private static List<BlockElement> buttons(Notification notification) {
        var buttons = new ArrayList<BlockElement>();
        var webUrl = notification.finished().webUrl() != null
                ? notification.finished().webUrl()
                : notification.session().webUrl();
        if (webUrl != null && webUrl.startsWith("http")) {
            buttons.add(
                    button(b -> b.actionId(VIEW).text(plainText("View session")).url(webUrl)));
        }
        if (notification.finished().pullRequest() == null
                && notification.finished().outcome() != PromptStatus.failed) {
            var session = notification.session().id();
            buttons.add(button(
                    b -> b.actionId(CREATE_PR).text(plainText("Create PR")).value(session.toString())));
        }
        return buttons;
    }

    /** The session a Create PR button's value names, or null. */
    static UUID sessionOf(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String duration(Duration duration) {
        var seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        return (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    private static String fallback(String text) {
        return text.length() <= FALLBACK_LIMIT ? text : text.substring(0, FALLBACK_LIMIT - 1) + "…";
    }
}
