package io.codinspect.testkit.slack;

import tools.jackson.databind.JsonNode;

/**
 * A message the bot showed to one person only ({@code chat.postEphemeral}).
 *
 * @param channel where it was shown
 * @param user who saw it
 * @param threadTs the thread it was shown in, or null
 * @param text its text
 * @param blocks its blocks, or null
 * @param messageTs the {@code message_ts} answered
 */
public record SlackEphemeral(
        String channel, String user, String threadTs, String text, JsonNode blocks, String messageTs) {

    /** Its text and the texts in its blocks, joined by new lines. */
    public String visibleText() {
        var all = new StringBuilder(text == null ? "" : text);
        if (blocks != null) {
            Blocks.texts(blocks).forEach(t -> all.append('\n').append(t));
        }
        return all.toString();
    }
}
