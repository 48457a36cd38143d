package io.codinspect.slackbot;

import com.slack.api.model.Message;
import io.codinspect.client.NewPrompt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A thread's earlier messages, given to the agent as untrusted context beside the person's words:
 * anyone in the channel wrote them, so they are data, never instructions. The bot's own messages
 * are left out (the agent's answers are in its session already); the newest messages are kept
 * when the thread is longer than {@link #MAX_CHARS}, of the thread's first 1,000 (Slack pages a
 * thread oldest first). Slack's timestamps compare as text while
 * they have the same number of digits, as every timestamp until the year 2286 does.
 */
final class ThreadContext {

    static final String TITLE = "Earlier messages in the Slack thread";
    static final int MAX_CHARS = 30_000;
    private static final int PAGE = 200;
    /** Pages of a thread read at most: its first 1,000 messages (Slack answers oldest first). */
    private static final int MAX_PAGES = 5;

    private final SlackApi slack;
    private final People people;

    ThreadContext(SlackApi slack, People people) {
        this.slack = slack;
        this.people = people;
    }

    /** The messages of the thread before {@code message}, or empty for a message that starts it. */
    Optional<NewPrompt.Context> before(Incoming message, String botUserId) {
        if (!message.isReply()) {
            return Optional.empty();
        }
        var names = new HashMap<String, String>();
        var lines = new ArrayList<String>();
        for (var earlier : replies(message, message.ts(), m -> true)) {
            if (earlier.getBotId() != null
                    || earlier.getTs() == null
                    || earlier.getTs().compareTo(message.ts()) >= 0) {
                continue;
            }
            lines.add(name(names, earlier.getUser()) + ": " + SlackText.plain(earlier.getText(), botUserId));
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(new NewPrompt.Context(TITLE, newest(lines), false));
    }

    /** Whether the bot has written in the message's thread (so a reply there may be meant for it). */
    boolean botIsIn(Incoming message, String botUserId) {
        return !replies(message, null, m -> botUserId.equals(m.getUser())).isEmpty();
    }

    /**
     * The thread's messages that are {@code wanted}, oldest first, read up to {@code before} (null:
     * until one is wanted), at most {@link #MAX_PAGES} pages.
     */
    private List<Message> replies(Incoming message, String before, Predicate<Message> wanted) {
        var all = new ArrayList<Message>();
        String cursor = null;
        for (var page = 0; page < MAX_PAGES; page++) {
            var from = cursor;
            var answer = slack.call(
                    "conversations.replies",
                    m -> m.conversationsReplies(r -> r.channel(message.channel())
                            .ts(message.threadRoot())
                            .limit(PAGE)
                            .cursor(from)));
            var messages = answer.getMessages() == null ? List.<Message>of() : answer.getMessages();
            all.addAll(messages);
            var reached = before != null
                    && messages.stream()
                            .anyMatch(m -> m.getTs() != null && m.getTs().compareTo(before) >= 0);
            cursor = answer.getResponseMetadata() == null
                    ? null
                    : answer.getResponseMetadata().getNextCursor();
            if (reached || !answer.isHasMore() || cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return all;
    }

    private String name(Map<String, String> names, String userId) {
        if (userId == null) {
            return "someone";
        }
        return names.computeIfAbsent(userId, id -> {
            try {
                return People.displayName(people.profile(id));
            } catch (SlackApi.SlackFailure e) {
                return id;
            }
        });
    }

    private static String newest(List<String> lines) {
        var kept = new ArrayList<String>();
        var size = 0;
        for (var i = lines.size() - 1; i >= 0; i--) {
            var line = lines.get(i);
            if (size + line.length() + 1 > MAX_CHARS) {
                break;
            }
            kept.addFirst(line);
            size += line.length() + 1;
        }
        if (kept.isEmpty()) {
            var last = lines.getLast();
            return last.substring(last.length() - MAX_CHARS);
        }
        return String.join("\n", kept);
    }
}
