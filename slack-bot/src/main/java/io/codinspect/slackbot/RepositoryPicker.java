package io.codinspect.slackbot;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.externalSelect;

import com.slack.api.app_backend.interactive_components.response.Option;
import io.codinspect.client.CodInspectClient;
import io.codinspect.client.Repository;
import io.codinspect.client.Session;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * When a new session has no repository, the bot asks in the thread with a searchable picker of
 * the repositories CodInspect can reach; the session holds its prompt until someone picks.
 */
final class RepositoryPicker {

    static final String ACTION = "choose_repository";
    private static final String BLOCK_PREFIX = "repository:";
    private static final int MAX_OPTIONS = 100;

    private final SlackApi slack;

    RepositoryPicker(SlackApi slack) {
        this.slack = slack;
    }

    /** Posts the picker in the message's thread and keeps its ts in the session's bot data. */
    void ask(CodInspectClient person, Session session, Incoming message) {
        var posted = slack.call(
                "chat.postMessage",
                m -> m.chatPostMessage(r -> r.channel(message.channel())
                        .threadTs(message.threadRoot())
                        .text("Which repository should I work in?")
                        .blocks(List.of(
                                section(s -> s.text(markdownText(
                                        "Which repository should I work in? Your request waits until one is picked."))),
                                actions(a -> a.blockId(BLOCK_PREFIX + session.id())
                                        .elements(List.of(externalSelect(e -> e.actionId(ACTION)
                                                .placeholder(plainText("Search repositories"))
                                                .minQueryLength(0)))))))));
        person.updateSessionBotData(
                session.id(),
                BotData.thread(message.channel(), message.threadRoot())
                        .withPicker(posted.getTs())
                        .json());
    }

    /** The repositories matching what the person typed, at most {@link #MAX_OPTIONS}. */
    static List<Option> options(List<Repository> reachable, String typed) {
        var query = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return reachable.stream()
                .map(Repository::fullName)
                .filter(name -> name.toLowerCase(Locale.ROOT).contains(query))
                .sorted()
                .limit(MAX_OPTIONS)
                .map(name -> new Option(plainText(name.length() > 75 ? name.substring(0, 75) : name), name))
                .toList();
    }

    /** The session a picker's block belongs to, or null for another block. */
    static UUID sessionOf(String blockId) {
        if (blockId == null || !blockId.startsWith(BLOCK_PREFIX)) {
            return null;
        }
        try {
            return UUID.fromString(blockId.substring(BLOCK_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Shows on the picker's message what was chosen, and by whom. */
    void chosen(String channel, String ts, String repository, String userId) {
        slack.tryCall(
                "chat.update",
                m -> m.chatUpdate(r -> r.channel(channel)
                        .ts(ts)
                        .text("Working in " + repository)
                        .blocks(List.of(section(s -> s.text(markdownText(
                                ":file_folder: Working in *" + repository + "*, chosen by <@" + userId + ">.")))))));
    }
}
