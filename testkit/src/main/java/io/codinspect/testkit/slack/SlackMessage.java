package io.codinspect.testkit.slack;

import tools.jackson.databind.JsonNode;

/**
 * A message in the fake Slack, posted by a person or by the bot, as it is now (after any {@code
 * chat.update}).
 *
 * @param channel the conversation id ({@code C…}, {@code G…} or {@code D…})
 * @param ts the message's timestamp, its id within the channel
 * @param threadTs the parent's ts for a reply in a thread, null for a top-level message
 * @param user who wrote it (the bot's user id for the bot's messages)
 * @param botId the bot id for the bot's messages, null for people's
 * @param text the message text (for the bot: the fallback text given with blocks)
 * @param blocks the Block Kit blocks, each with a {@code block_id}; null when none were given
 * @param metadata the message metadata ({@code event_type}, {@code event_payload}), or null
 * @param edits how many times {@code chat.update} changed it
 */
public record SlackMessage(
        String channel,
        String ts,
        String threadTs,
        String user,
        String botId,
        String text,
        JsonNode blocks,
        JsonNode metadata,
        int edits) {

    /** Whether the bot posted it. */
    public boolean fromBot() {
        return botId != null;
    }

    /** Whether it is a reply in a thread (not the parent). */
    public boolean isReply() {
        return threadTs != null && !threadTs.equals(ts);
    }

    /** The thread it starts or belongs to: its parent's ts, or its own. */
    public String threadRoot() {
        return threadTs != null ? threadTs : ts;
    }

    /** Every text in its blocks and its text, joined by new lines: what a reader sees, for assertions. */
    public String visibleText() {
        var all = new StringBuilder(text == null ? "" : text);
        if (blocks != null) {
            Blocks.texts(blocks).forEach(t -> all.append('\n').append(t));
        }
        return all.toString();
    }

    SlackMessage edited(String newText, JsonNode newBlocks, JsonNode newMetadata) {
        return new SlackMessage(
                channel,
                ts,
                threadTs,
                user,
                botId,
                newText,
                newBlocks,
                newMetadata != null ? newMetadata : metadata,
                edits + 1);
    }
}
