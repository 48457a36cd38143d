package io.codinspect.slackbot;

/**
 * A person's message the bot acts on, from an {@code app_mention} or a {@code message} event.
 *
 * @param team the workspace the app is installed in (the envelope's {@code team_id})
 * @param channel {@code C…}, {@code G…} or {@code D…}
 * @param user who wrote it
 * @param text as Slack sent it (mrkdwn, mentions as {@code <@U…>})
 * @param ts the message's ts
 * @param threadTs the thread's root ts, or null for a top-level message
 * @param mentioned whether it mentions the bot (or is a direct message)
 */
record Incoming(String team, String channel, String user, String text, String ts, String threadTs, boolean mentioned) {

    /** The thread the message starts or belongs to: its session's thread. */
    String threadRoot() {
        return threadTs != null ? threadTs : ts;
    }

    /** A reply in an existing thread. */
    boolean isReply() {
        return threadTs != null && !threadTs.equals(ts);
    }

    /** The session's external key: the thread, {@code slack:<team>/<channel>/<thread ts>}. */
    String sessionKey() {
        return "slack:" + team + "/" + channel + "/" + threadRoot();
    }

    /** The prompt's {@code clientRequestId}: the message, so retries and twins make one prompt. */
    String requestId() {
        return "slack:" + team + "/" + channel + "/" + ts;
    }
}
