package io.codinspect.slackbot;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person's Slack message as plain words for the agent: the bot's mention dropped, Slack's markup undone. */
final class SlackText {

    private static final Pattern MARKUP = Pattern.compile("<([^<>|]+)(?:\\|([^<>]*))?>");

    private SlackText() {}

    /**
     * {@code text} without mentions of {@code botUserId}; links as their URL ({@code <url|label>}
     * is {@code url}), others' mentions as {@code @U…}, channels as {@code #name}, and Slack's
     * escapes ({@code &amp;}, {@code &lt;}, {@code &gt;}) undone.
     */
    static String plain(String text, String botUserId) {
        if (text == null) {
            return "";
        }
        var matcher = MARKUP.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement(matcher, botUserId)));
        }
        matcher.appendTail(out);
        return out.toString()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
                .replaceAll("[ \\t]{2,}", " ")
                .strip();
    }

    private static String replacement(Matcher matcher, String botUserId) {
        var target = matcher.group(1);
        var label = matcher.group(2);
        if (target.startsWith("@")) {
            return target.substring(1).equals(botUserId) ? "" : "@" + (label != null ? label : target.substring(1));
        }
        if (target.startsWith("#")) {
            return "#" + (label != null ? label : target.substring(1));
        }
        if (target.startsWith("!")) {
            return "@" + target.substring(1);
        }
        return target;
    }
}
