package io.codinspect.testkit.slack;

import static io.codinspect.testkit.slack.SlackJson.putIf;

import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The Events API's JSON as Slack sends it: envelopes, message events, App Home, url_verification. */
final class EventPayloads {

    static final String VERIFICATION_TOKEN = "fake-verification-token";
    private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)(?:\\|[^>]*)?>");

    private EventPayloads() {}

    /** The {@code event_callback} envelope around an event, authorized for the bot. */
    static ObjectNode envelope(JsonNode event, String eventId, long eventTime) {
        var json = SlackJson.object();
        json.put("token", VERIFICATION_TOKEN);
        json.put("team_id", SlackWorkspace.TEAM_ID);
        json.put("api_app_id", SlackWorkspace.APP_ID);
        json.set("event", event);
        json.put("type", "event_callback");
        json.put("event_id", eventId);
        json.put("event_time", eventTime);
        var authorization = json.putArray("authorizations").addObject();
        authorization.putNull("enterprise_id");
        authorization.put("team_id", SlackWorkspace.TEAM_ID);
        authorization.put("user_id", SlackWorkspace.BOT.id());
        authorization.put("is_bot", true);
        authorization.put("is_enterprise_install", false);
        json.put("is_ext_shared_channel", false);
        json.put("event_context", "4-" + eventId);
        return json;
    }

    /**
     * A person's message as an {@code app_mention} or a {@code message} event.
     *
     * @param channelType for a {@code message} event: {@code channel}, {@code group} or {@code im}; null for a mention
     * @param parentUser for a reply in a thread, who wrote the parent
     */
    static ObjectNode message(
            String type, SlackMessage message, SlackUser author, String channelType, String parentUser) {
        var json = SlackJson.object();
        json.put("type", type);
        json.put("client_msg_id", UUID.randomUUID().toString());
        json.put("text", message.text());
        json.put("user", author.id());
        json.put("ts", message.ts());
        json.set("blocks", richText(message.text()));
        json.put("team", author.teamId());
        if (!author.teamId().equals(SlackWorkspace.TEAM_ID)) {
            json.put("user_team", author.teamId());
            json.put("source_team", author.teamId());
        }
        json.put("channel", message.channel());
        json.put("event_ts", message.ts());
        putIf(json, "channel_type", channelType);
        putIf(json, "thread_ts", message.threadTs());
        if (message.isReply()) {
            putIf(json, "parent_user_id", parentUser);
        }
        return json;
    }

    /** {@code app_home_opened} on the Home tab, with the view published for the person, if any. */
    static ObjectNode homeOpened(SlackUser user, String channel, SlackHomeView home, String eventTs) {
        var json = SlackJson.object();
        json.put("type", "app_home_opened");
        json.put("user", user.id());
        json.put("channel", channel);
        json.put("tab", "home");
        if (home != null) {
            json.set("view", home.view());
        }
        json.put("event_ts", eventTs);
        return json;
    }

    static ObjectNode urlVerification(String challenge) {
        return SlackJson.object()
                .put("token", VERIFICATION_TOKEN)
                .put("challenge", challenge)
                .put("type", "url_verification");
    }

    /** The one rich_text block Slack's client makes of typed text, user mentions as {@code user} elements. */
    static ArrayNode richText(String text) {
        var blocks = SlackJson.array();
        var block = blocks.addObject();
        block.put("type", "rich_text");
        block.put("block_id", Integer.toHexString(text.hashCode()));
        var elements = block.putArray("elements")
                .addObject()
                .put("type", "rich_text_section")
                .putArray("elements");
        var matcher = MENTION.matcher(text);
        var at = 0;
        while (matcher.find()) {
            if (matcher.start() > at) {
                elements.addObject().put("type", "text").put("text", text.substring(at, matcher.start()));
            }
            elements.addObject().put("type", "user").put("user_id", matcher.group(1));
            at = matcher.end();
        }
        if (at < text.length()) {
            elements.addObject().put("type", "text").put("text", text.substring(at));
        }
        return blocks;
    }
}
