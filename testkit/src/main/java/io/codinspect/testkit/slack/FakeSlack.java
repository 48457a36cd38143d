package io.codinspect.testkit.slack;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/**
 * A fake Slack for tests of a Slack app, in both directions. Toward the app it serves the Web API
 * at {@link #apiUrl()} ({@code /api/<method>}; form-encoded or JSON arguments, the bot token
 * checked, Slack's {@code ok:false} errors and limits, 429 with {@code Retry-After} on demand) for
 * a small workspace ({@value SlackWorkspace#TEAM_ID}, the bot, people, channels, direct messages,
 * threads, reactions, ephemeral messages, Home views). As Slack it delivers people's actions,
 * signed, to the app's request URL through {@link #sendTo(URI)}. Everything is recorded;
 * queries answer snapshots, meant for {@code await().until(...)}.
 */
public final class FakeSlack implements AutoCloseable {

    /** The bot token the fake accepts unless another is given to {@link #start(String, String)}. */
    public static final String BOT_TOKEN = "xoxb-fake-slack-bot-token";
    /** The signing secret the fake signs with unless another is given to {@link #start(String, String)}. */
    public static final String SIGNING_SECRET = "fake-slack-signing-secret";

    private final HttpServer server;
    private final String botToken;
    private final String signingSecret;
    private final SlackWorkspace workspace = new SlackWorkspace();
    private final WebApi api;
    private final EventSender sender;
    private final List<JsonNode> responses = new ArrayList<>();
    private final AtomicBoolean mentionsAsMessages = new AtomicBoolean(true);

    private FakeSlack(String botToken, String signingSecret) {
        this.botToken = botToken;
        this.signingSecret = signingSecret;
        this.api = new WebApi(workspace, botToken);
        this.sender = new EventSender(signingSecret);
        this.server = WebApiHttp.serve(api, responses);
    }

    /** Starts on a free loopback port with {@link #BOT_TOKEN} and {@link #SIGNING_SECRET}. */
    public static FakeSlack start() {
        return start(BOT_TOKEN, SIGNING_SECRET);
    }

    /** Starts on a free loopback port, accepting {@code botToken} and signing with {@code signingSecret}. */
    public static FakeSlack start(String botToken, String signingSecret) {
        return new FakeSlack(botToken, signingSecret);
    }

    /** The Web API prefix, with its trailing slash: {@code SlackConfig.setMethodsEndpointUrlPrefix(apiUrl())}. */
    public String apiUrl() {
        return base() + "/api/";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The bot token ({@code xoxb-…}) the Web API accepts: the bot's {@code SLACK_BOT_TOKEN}. */
    public String botToken() {
        return botToken;
    }

    /** The secret deliveries are signed with: the bot's {@code SLACK_SIGNING_SECRET}. */
    public String signingSecret() {
        return signingSecret;
    }

    /** The workspace's team id. */
    public String teamId() {
        return SlackWorkspace.TEAM_ID;
    }

    /** The bot's user id ({@code auth.test}'s {@code user_id}), the one mentions name. */
    public String botUserId() {
        return SlackWorkspace.BOT.id();
    }

    /** The bot's bot id ({@code B…}), the {@code bot_id} of its messages. */
    public String botId() {
        return SlackWorkspace.BOT_ID;
    }

    /** The app's id ({@code api_app_id} of deliveries). */
    public String appId() {
        return SlackWorkspace.APP_ID;
    }

    /** Adds a member of the workspace. */
    public SlackUser addUser(String id, String name, String email) {
        return addUser(SlackUser.person(id, name, email));
    }

    /** Adds a person (a guest, or one of another team via {@link SlackUser#fromTeam}); a null team is the fake's. */
    public SlackUser addUser(SlackUser user) {
        return workspace.addUser(user);
    }

    /** Adds a public channel; answers its id ({@code C…}). */
    public String addChannel(String name) {
        return workspace.addChannel(name, "channel");
    }

    /** Adds a private channel; answers its id ({@code G…}). */
    public String addPrivateChannel(String name) {
        return workspace.addChannel(name, "group");
    }

    /** The direct messages between the bot and the person ({@code D…}), opened on first use. */
    public String dmChannel(SlackUser user) {
        return workspace.dm(workspace.member(user).id());
    }

    /** The next {@code times} calls of {@code method} answer 429 with {@code Retry-After: retryAfterSeconds}. */
    public FakeSlack rateLimit(String method, int times, int retryAfterSeconds) {
        api.rateLimit(method, times, retryAfterSeconds);
        return this;
    }

    /** Whether a mention in a channel is also delivered as a {@code message} event, as Slack does (on by default). */
    public FakeSlack mentionsAsMessages(boolean value) {
        mentionsAsMessages.set(value);
        return this;
    }

    /** Acting as Slack toward the app's request URL (the bot's {@code POST /slack/events}). */
    public SlackDeliveries sendTo(URI eventsUrl) {
        var interactions = new Interactions(workspace, base() + "/response/");
        return new SlackDeliveries(
                workspace,
                sender,
                eventsUrl,
                EventSender.Signing.VALID,
                Duration.ofSeconds(10),
                mentionsAsMessages::get,
                interactions);
    }

    /** Every message of a conversation, oldest first, threads' replies included. */
    public List<SlackMessage> messages(String channel) {
        return workspace.messages(channel);
    }

    /** A thread: its parent, then its replies oldest first; empty when there is no such message. */
    public List<SlackMessage> thread(String channel, String threadTs) {
        return workspace.thread(channel, threadTs);
    }

    /** A thread's replies posted by the bot, oldest first. */
    public List<SlackMessage> botReplies(String channel, String threadTs) {
        return thread(channel, threadTs).stream()
                .filter(m -> m.fromBot() && m.isReply())
                .toList();
    }

    /** A message as it is now. */
    public Optional<SlackMessage> message(String channel, String ts) {
        return workspace.find(channel, ts);
    }

    /** The names of the reactions on a message ({@code eyes}, {@code white_check_mark}), in the order added. */
    public List<String> reactions(String channel, String ts) {
        return List.copyOf(workspace.reactions(channel, ts).keySet());
    }

    /** The reactions on a message by name, each with the ids of who reacted. */
    public Map<String, List<String>> reactionsBy(String channel, String ts) {
        return workspace.reactions(channel, ts);
    }

    /** The Home view last published for the person. */
    public Optional<SlackHomeView> homeView(String userId) {
        return workspace.home(userId);
    }

    /** The ephemeral messages shown to the person, oldest first. */
    public List<SlackEphemeral> ephemerals(String userId) {
        return workspace.ephemerals(userId);
    }

    /** Every Web API call, oldest first. */
    public List<SlackApiCall> calls() {
        return api.calls();
    }

    /** The Web API calls of one method, oldest first. */
    public List<SlackApiCall> calls(String method) {
        return api.calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Every request sent to the app, oldest first (including the {@code message} twins of mentions). */
    public List<SlackDelivery> deliveries() {
        return sender.sent();
    }

    /** The JSON bodies the app posted to interactions' {@code response_url}s, oldest first. */
    public List<JsonNode> responses() {
        synchronized (responses) {
            return List.copyOf(responses);
        }
    }

    @Override
    public void close() {
        sender.close();
        server.stop(0);
    }
}
