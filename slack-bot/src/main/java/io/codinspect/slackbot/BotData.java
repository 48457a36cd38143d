package io.codinspect.slackbot;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the bot keeps in the control plane instead of keeping state of its own: on a session,
 * where its thread is; on a prompt, also the message it answers and the bot's own messages about
 * it. Every field may be null.
 *
 * @param channel the conversation of the thread
 * @param threadTs the thread's root
 * @param messageTs the person's message a prompt came from (its reactions show progress)
 * @param statusTs the bot's status message for the prompt (updated with progress, holds Stop)
 * @param answerTs the bot's final reply: set once answered, so a retried notification is not
 *     answered twice
 * @param pickerTs the repository picker's message while the session awaits its repository
 */
record BotData(String channel, String threadTs, String messageTs, String statusTs, String answerTs, String pickerTs) {

    static BotData of(JsonNode json) {
        if (json == null || !json.isObject()) {
            return new BotData(null, null, null, null, null, null);
        }
        return new BotData(
                text(json, "channel"),
                text(json, "threadTs"),
                text(json, "messageTs"),
                text(json, "statusTs"),
                text(json, "answerTs"),
                text(json, "pickerTs"));
    }

    static BotData thread(String channel, String threadTs) {
        return new BotData(channel, threadTs, null, null, null, null);
    }

    BotData withMessage(String ts) {
        return new BotData(channel, threadTs, ts, statusTs, answerTs, pickerTs);
    }

    BotData withStatus(String ts) {
        return new BotData(channel, threadTs, messageTs, ts, answerTs, pickerTs);
    }

    BotData withAnswer(String ts) {
        return new BotData(channel, threadTs, messageTs, statusTs, ts, pickerTs);
    }

    BotData withPicker(String ts) {
        return new BotData(channel, threadTs, messageTs, statusTs, answerTs, ts);
    }

    ObjectNode json() {
        var json = JsonNodeFactory.instance.objectNode();
        put(json, "channel", channel);
        put(json, "threadTs", threadTs);
        put(json, "messageTs", messageTs);
        put(json, "statusTs", statusTs);
        put(json, "answerTs", answerTs);
        put(json, "pickerTs", pickerTs);
        return json;
    }

    private static String text(JsonNode json, String field) {
        var value = json.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }

    private static void put(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
