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
 * @param answerTs the bot's final reply (its first message): set once answering began, so a
 *     retried notification is not answered twice
 * @param answerParts how many of the reply's messages are posted, so a retry posts only the rest
 * @param pickerTs the repository picker's message while the session awaits its repository
 */
record BotData(
        String channel,
        String threadTs,
        String messageTs,
        String statusTs,
        String answerTs,
        int answerParts,
        String pickerTs) {

    static BotData of(JsonNode json) {
        if (json == null || !json.isObject()) {
            return new BotData(null, null, null, null, null, 0, null);
        }
        return new BotData(
                text(json, "channel"),
                text(json, "threadTs"),
                text(json, "messageTs"),
                text(json, "statusTs"),
                text(json, "answerTs"),
                json.path("answerParts").asInt(0),
                text(json, "pickerTs"));
    }

    static BotData thread(String channel, String threadTs) {
        return new BotData(channel, threadTs, null, null, null, 0, null);
    }

    BotData withMessage(String ts) {
        return new BotData(channel, threadTs, ts, statusTs, answerTs, answerParts, pickerTs);
    }

    BotData withStatus(String ts) {
        return new BotData(channel, threadTs, messageTs, ts, answerTs, answerParts, pickerTs);
    }

    /** The reply begun at {@code ts}, {@code parts} of its messages posted. */
    BotData withAnswer(String ts, int parts) {
        return new BotData(channel, threadTs, messageTs, statusTs, ts, parts, pickerTs);
    }

    BotData withPicker(String ts) {
        return new BotData(channel, threadTs, messageTs, statusTs, answerTs, answerParts, ts);
    }

    ObjectNode json() {
        var json = JsonNodeFactory.instance.objectNode();
        put(json, "channel", channel);
        put(json, "threadTs", threadTs);
        put(json, "messageTs", messageTs);
        put(json, "statusTs", statusTs);
        put(json, "answerTs", answerTs);
        if (answerParts > 0) {
            json.put("answerParts", answerParts);
        }
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
