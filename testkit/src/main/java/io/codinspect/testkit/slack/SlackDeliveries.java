package io.codinspect.testkit.slack;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake Slack acting toward the bot's request URL ({@code POST /slack/events}): what people do
 * is added to the workspace and delivered as Slack delivers it, signed, and each call answers what
 * the bot replied and how long it took. Get one with {@link FakeSlack#sendTo(URI)}; {@link
 * #badSignature()} and {@link #staleTimestamp()} give copies that sign wrongly.
 */
public final class SlackDeliveries {

    private final SlackWorkspace workspace;
    private final EventSender sender;
    private final URI uri;
    private final EventSender.Signing signing;
    private final Duration timeout;
    private final BooleanSupplier mentionsAsMessages;
    private final Interactions interactions;

    SlackDeliveries(
            SlackWorkspace workspace,
            EventSender sender,
            URI uri,
            EventSender.Signing signing,
            Duration timeout,
            BooleanSupplier mentionsAsMessages,
            Interactions interactions) {
        this.workspace = workspace;
        this.sender = sender;
        this.uri = uri;
        this.signing = signing;
        this.timeout = timeout;
        this.mentionsAsMessages = mentionsAsMessages;
        this.interactions = interactions;
    }

    /** The same deliveries signed with a wrong secret (Bolt answers 401). */
    public SlackDeliveries badSignature() {
        return with(EventSender.Signing.BAD_SIGNATURE, timeout);
    }

    /** The same deliveries with a timestamp 301 s old, outside the 5-minute window (Bolt answers 401). */
    public SlackDeliveries staleTimestamp() {
        return with(EventSender.Signing.STALE_TIMESTAMP, timeout);
    }

    /** The same deliveries waiting at most {@code limit} for each answer (10 s unless set). */
    public SlackDeliveries timeout(Duration limit) {
        return with(signing, limit);
    }

    /** A signed {@code url_verification}; the bot should answer the challenge as text. */
    public SlackDelivery urlVerification() {
        var challenge = UUID.randomUUID().toString().replace("-", "");
        return send("url_verification", null, SlackJson.write(EventPayloads.urlVerification(challenge)), 0);
    }

    /**
     * The person writes {@code text} in a channel, mentioning the bot ({@code <@bot>} is put in
     * front when the text lacks it): an {@code app_mention}, then, unless {@link
     * FakeSlack#mentionsAsMessages(boolean)} turned it off, the {@code message} event Slack also
     * sends to an app subscribed to channel messages. Answers the {@code app_mention}'s delivery.
     */
    public SlackDelivery mention(SlackUser user, String channel, String text) {
        return mentionInThread(user, channel, null, text);
    }

    /** As {@link #mention}, in the thread of {@code threadTs}: the events carry {@code thread_ts}. */
    public SlackDelivery mentionInThread(SlackUser user, String channel, String threadTs, String text) {
        var author = workspace.member(user);
        var mention = "<@" + SlackWorkspace.BOT.id() + ">";
        var message = workspace.post(
                channel, threadTs, author, text.contains(mention) ? text : mention + " " + text, null, null);
        var delivery = event(EventPayloads.message("app_mention", message, author, null, parentUser(message)));
        if (mentionsAsMessages.getAsBoolean()) {
            messageEvent(author, message);
        }
        return delivery;
    }

    /** The person replies in a thread without mentioning the bot: a {@code message} event with {@code thread_ts} and {@code parent_user_id}. */
    public SlackDelivery reply(SlackUser user, String channel, String threadTs, String text) {
        var author = workspace.member(user);
        return messageEvent(author, workspace.post(channel, threadTs, author, text, null, null));
    }

    /** The person writes to the bot in their direct messages: a {@code message} event with {@code channel_type: im}. */
    public SlackDelivery dm(SlackUser user, String text) {
        var author = workspace.member(user);
        return messageEvent(author, workspace.post(workspace.dm(author.id()), null, author, text, null, null));
    }

    /** The person opens the app's Home tab: {@code app_home_opened}, with the view last published for them. */
    public SlackDelivery openHome(SlackUser user) {
        var person = workspace.member(user);
        var home = workspace.home(person.id()).orElse(null);
        return event(EventPayloads.homeOpened(person, workspace.dm(person.id()), home, workspace.nextTs()));
    }

    /**
     * The person uses the element {@code actionId} of a message (a button, or a select with the
     * option {@code value}): {@code block_actions} with the message, its state and a response_url.
     */
    public SlackDelivery click(SlackUser user, String channel, String messageTs, String actionId, String value) {
        return interaction("block_actions", interactions.click(user, channel, messageTs, actionId, value));
    }

    /** The person uses the element {@code actionId} of their Home view; other inputs keep their initial values. */
    public SlackDelivery clickInHome(SlackUser user, String actionId, String value) {
        return clickInHome(user, actionId, value, Map.of());
    }

    /** As {@link #clickInHome(SlackUser, String, String)}, with other inputs' values by action id in {@code view.state}. */
    public SlackDelivery clickInHome(SlackUser user, String actionId, String value, Map<String, String> inputs) {
        return interaction("block_actions", interactions.clickInHome(user, actionId, value, inputs));
    }

    /** The person types {@code typed} into an external select of a message: {@code block_suggestion}; the answer holds the options. */
    public SlackDelivery suggest(SlackUser user, String channel, String messageTs, String actionId, String typed) {
        return interaction("block_suggestion", interactions.suggest(user, channel, messageTs, actionId, typed));
    }

    /** The person types {@code typed} into an external select of their Home view: {@code block_suggestion}. */
    public SlackDelivery suggestInHome(SlackUser user, String actionId, String typed) {
        return interaction("block_suggestion", interactions.suggestInHome(user, actionId, typed));
    }

    /** Any event (its JSON as the {@code event} field) in a fresh envelope. */
    public SlackDelivery event(JsonNode event) {
        var eventId = workspace.nextId("Ev");
        var envelope = EventPayloads.envelope(event, eventId, System.currentTimeMillis() / 1000);
        return send("event_callback/" + event.path("type").asString(""), eventId, SlackJson.write(envelope), 0);
    }

    /** Slack retrying an earlier event: the same body and event_id, {@code X-Slack-Retry-Num: retryNum}, reason {@code http_timeout}. */
    public SlackDelivery retry(SlackDelivery earlier, int retryNum) {
        if (earlier.eventId() == null || retryNum < 1) {
            throw new IllegalArgumentException("Slack retries events only, numbered from 1");
        }
        return send(earlier.kind(), earlier.eventId(), earlier.requestBody(), retryNum);
    }

    private SlackDelivery messageEvent(SlackUser author, SlackMessage message) {
        var type = workspace.channel(message.channel()).type();
        return event(EventPayloads.message("message", message, author, type, parentUser(message)));
    }

    private SlackDelivery interaction(String kind, ObjectNode payload) {
        return send(kind, null, "payload=" + URLEncoder.encode(SlackJson.write(payload), StandardCharsets.UTF_8), 0);
    }

    private SlackDelivery send(String kind, String eventId, String body, int retryNum) {
        return sender.send(uri, kind, eventId, body, signing, retryNum, timeout);
    }

    private String parentUser(SlackMessage message) {
        return message.isReply()
                ? workspace
                        .find(message.channel(), message.threadTs())
                        .map(SlackMessage::user)
                        .orElse(null)
                : null;
    }

    private SlackDeliveries with(EventSender.Signing newSigning, Duration newTimeout) {
        return new SlackDeliveries(workspace, sender, uri, newSigning, newTimeout, mentionsAsMessages, interactions);
    }
}
