package io.codinspect.testkit.slack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake's workspace: its team, the bot, people, conversations, every message with its thread
 * and reactions, ephemeral messages and published Home views. Thread-safe (one lock); queries
 * answer copies. At most {@link #MAX_RECORDS} messages and ephemerals are kept: one more fails the
 * call that adds it, so a runaway test shows instead of eating memory.
 */
final class SlackWorkspace {

    static final int MAX_RECORDS = 100_000;
    static final String TEAM_ID = "T0FAKE";
    static final String TEAM_NAME = "Fake Team";
    static final String DOMAIN = "fake-slack";
    static final String WEB_URL = "https://fake-slack.example/";
    static final String APP_ID = "A0FAKEAPP";
    static final String BOT_ID = "B0FAKEBOT";
    static final SlackUser BOT = new SlackUser("U0FAKEBOT", TEAM_ID, "codinspect", "CodInspect", null, false, true);

    /** A conversation; {@code type} is Slack's {@code channel_type}: channel, group (private) or im. */
    record Channel(String id, String name, String type, String imUser) {}

    private final Map<String, SlackUser> users = new LinkedHashMap<>(Map.of(BOT.id(), BOT));
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, SlackMessage> messages = new LinkedHashMap<>();
    private final Reactions reactions = new Reactions();
    private final List<SlackEphemeral> ephemerals = new ArrayList<>();
    private final HomeViews homes = new HomeViews();
    private long lastMicros;
    private int counter;

    synchronized SlackUser addUser(SlackUser user) {
        var added = user.inTeam(TEAM_ID);
        users.put(added.id(), added);
        return added;
    }

    synchronized Optional<SlackUser> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    /** The person as added; fails for one the test never added. */
    synchronized SlackUser member(SlackUser user) {
        var known = users.get(user.id());
        if (known == null) {
            throw new IllegalArgumentException("add " + user.id() + " to the fake Slack first (addUser)");
        }
        return known;
    }

    synchronized String addChannel(String name, String type) {
        var id = nextId(type.equals("group") ? "G" : "C");
        channels.put(id, new Channel(id, name, type, null));
        return id;
    }

    /** The direct-message conversation between the bot and the person, opened on first use. */
    synchronized String dm(String userId) {
        return channels.values().stream()
                .filter(c -> userId.equals(c.imUser()))
                .map(Channel::id)
                .findFirst()
                .orElseGet(() -> {
                    var id = nextId("D");
                    channels.put(id, new Channel(id, userId, "im", userId));
                    return id;
                });
    }

    synchronized Channel channel(String id) {
        var channel = id == null ? null : channels.get(id);
        if (channel == null) {
            throw new SlackError("channel_not_found");
        }
        return channel;
    }

    /** Adds a message; a reply to a reply goes to the thread's parent, as in Slack. */
    synchronized SlackMessage post(
            String channel, String threadTs, SlackUser author, String text, JsonNode blocks, JsonNode metadata) {
        channel(channel);
        String root = null;
        if (threadTs != null) {
            root = find(channel, threadTs)
                    .orElseThrow(() -> new SlackError("thread_not_found"))
                    .threadRoot();
        }
        bound(messages.size());
        var botId = author.id().equals(BOT.id()) ? BOT_ID : null;
        var message = new SlackMessage(
                channel,
                nextTs(),
                root,
                author.id(),
                botId,
                text,
                blocks == null ? null : Blocks.withIds(blocks),
                metadata,
                0);
        messages.put(key(channel, message.ts()), message);
        return message;
    }

    /** Changes a message of the bot's ({@code chat.update}). */
    synchronized SlackMessage update(String channel, String ts, String text, JsonNode blocks, JsonNode metadata) {
        channel(channel);
        var message = find(channel, ts).orElseThrow(() -> new SlackError("message_not_found"));
        if (!message.fromBot()) {
            throw new SlackError("cant_update_message");
        }
        var changed = message.edited(
                text != null ? text : message.text(),
                blocks != null ? Blocks.withIds(blocks) : message.blocks(),
                metadata);
        messages.put(key(channel, ts), changed);
        return changed;
    }

    synchronized Optional<SlackMessage> find(String channel, String ts) {
        return Optional.ofNullable(ts == null ? null : messages.get(key(channel, ts)));
    }

    synchronized List<SlackMessage> messages(String channel) {
        return messages.values().stream()
                .filter(m -> m.channel().equals(channel))
                .toList();
    }

    /** The thread's parent, then its replies oldest first; empty when there is no such message. */
    synchronized List<SlackMessage> thread(String channel, String ts) {
        var root = find(channel, ts).map(SlackMessage::threadRoot).orElse(null);
        return messages.values().stream()
                .filter(m -> m.channel().equals(channel) && m.threadRoot().equals(root))
                .toList();
    }

    synchronized void react(String channel, String ts, String name, String userId, boolean add) {
        channel(channel);
        find(channel, ts).orElseThrow(() -> new SlackError("message_not_found"));
        reactions.change(key(channel, ts), name, userId, add);
    }

    /** The reactions on a message, by name in the order first added, each with who reacted. */
    Map<String, List<String>> reactions(String channel, String ts) {
        return reactions.on(key(channel, ts));
    }

    synchronized SlackEphemeral ephemeral(String channel, String user, String threadTs, String text, JsonNode blocks) {
        bound(ephemerals.size());
        var shown = new SlackEphemeral(channel, user, threadTs, text, blocks, nextTs());
        ephemerals.add(shown);
        return shown;
    }

    synchronized List<SlackEphemeral> ephemerals(String userId) {
        return ephemerals.stream().filter(e -> e.user().equals(userId)).toList();
    }

    /** Publishes a Home view ({@code views.publish}), keeping the person's view id. */
    SlackHomeView publish(String userId, JsonNode view, String hash) {
        return homes.publish(userId, view, hash, this::nextId);
    }

    Optional<SlackHomeView> home(String userId) {
        return homes.home(userId);
    }

    /** The message as the Web API shows it, with its thread's counts and its reactions. */
    synchronized ObjectNode json(SlackMessage message) {
        var thread = thread(message.channel(), message.ts());
        var team = user(message.user()).map(SlackUser::teamId).orElse(TEAM_ID);
        var replies = message.isReply() ? List.<SlackMessage>of() : thread.subList(1, thread.size());
        var parentUser = message.isReply() ? thread.getFirst().user() : null;
        return MessageJson.of(message, team, parentUser, replies, reactions(message.channel(), message.ts()));
    }

    /** A new ts: unique and increasing, micro-seconds after the unix second, like Slack's. */
    synchronized String nextTs() {
        lastMicros = Math.max(System.currentTimeMillis() * 1000, lastMicros + 1);
        return String.format("%d.%06d", lastMicros / 1_000_000, lastMicros % 1_000_000);
    }

    synchronized String nextId(String prefix) {
        return String.format("%sFAKE%04d", prefix, ++counter);
    }

    private static String key(String channel, String ts) {
        return channel + " " + ts;
    }

    private static void bound(int size) {
        if (size >= MAX_RECORDS) {
            throw new IllegalStateException("the fake Slack keeps at most " + MAX_RECORDS + " messages");
        }
    }
}
